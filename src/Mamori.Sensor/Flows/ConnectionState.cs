namespace Mamori.Sensor.Flows;

/// <summary>
/// Zeek's conn_state summary (https://docs.zeek.org/en/master/logs/conn.html): S0, S1, SF, REJ,
/// S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH.
/// </summary>
internal static class ConnectionState
{
    public static string Of(Flow flow)
    {
        if (!flow.IsTcp)
        {
            return flow.ResponderPackets > 0 ? "SF" : "S0";
        }

        ref readonly var o = ref flow.Originator;
        ref readonly var r = ref flow.Responder;
        var originatorSyn = o.SawSyn;
        var responderSynAck = r.SawSynAck || r.SawSyn;

        if (originatorSyn && !responderSynAck)
        {
            if (r.SawReset)
            {
                return "REJ";
            }

            if (o.SawReset)
            {
                return "RSTOS0";
            }

            if (o.SawFin)
            {
                return "SH";
            }

            return r.SawPacket ? "OTH" : "S0";
        }

        if (!originatorSyn && responderSynAck && !o.SawPacket)
        {
            if (r.SawReset)
            {
                return "RSTRH";
            }

            if (r.SawFin)
            {
                return "SHR";
            }
        }

        if (!originatorSyn && !responderSynAck)
        {
            // Joined mid-stream.
            if (o.SawFin && r.SawFin)
            {
                return "SF";
            }

            return o.SawReset || r.SawReset ? (flow.FirstResetFromOriginator ? "RSTO" : "RSTR") : "OTH";
        }

        if (o.SawReset || r.SawReset)
        {
            return flow.FirstResetFromOriginator ? "RSTO" : "RSTR";
        }

        if (o.SawFin && r.SawFin)
        {
            return "SF";
        }

        if (o.SawFin)
        {
            return "S2";
        }

        return r.SawFin ? "S3" : "S1";
    }
}
