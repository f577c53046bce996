using System.Net;
using Mamori.Sensor.Events;
using Mamori.Sensor.Flows;
using Mamori.Sensor.Protocols;
using Mamori.Sensor.Protocols.Icmp;
using Mamori.Sensor.Protocols.Ipv6;
using Mamori.Sensor.Protocols.Tcp;
using Mamori.Sensor.Protocols.Udp;

namespace Mamori.Sensor.Engine;

// Transport layer: find or create the flow, keep its TCP state and history, reassemble streams
// and feed the application parsers.
public sealed partial class TrafficEngine
{
    private void ProcessTransport(in FlowAddress source, in FlowAddress destination, byte protocol, ReadOnlySpan<byte> payload, int ipBytes, ushort vlan, long ticks, bool ipv6)
    {
        switch (protocol)
        {
            case IpProtocols.Tcp:
                if (!TcpHeader.TryRead(payload, out var tcp))
                {
                    Counters.DecodeErrors++;
                    return;
                }

                ProcessTcp(source, destination, tcp, ipBytes, vlan, ticks);
                return;
            case IpProtocols.Udp:
                if (!UdpHeader.TryRead(payload, out var udp))
                {
                    Counters.DecodeErrors++;
                    return;
                }

                ProcessUdp(source, destination, udp, ipBytes, vlan, ticks);
                return;
            case IpProtocols.Icmp or IpProtocols.Icmpv6:
                if (!IcmpHeader.TryRead(payload, out var icmp))
                {
                    Counters.DecodeErrors++;
                    return;
                }

                var (sourcePort, destinationPort, oneWay) = CommunityId.MapIcmp(icmp.Type, icmp.Code, protocol == IpProtocols.Icmpv6);
                ProcessOther(source, sourcePort, destination, destinationPort, protocol, oneWay, payload.Length - 8, ipBytes, vlan, ticks);
                return;
            default:
                ProcessOther(source, 0, destination, 0, protocol, false, payload.Length, ipBytes, vlan, ticks);
                return;
        }
    }

    private void ProcessTcp(in FlowAddress source, in FlowAddress destination, in TcpHeader tcp, int ipBytes, ushort vlan, long ticks)
    {
        var key = FlowKey.Create(source, tcp.SourcePort, destination, tcp.DestinationPort, IpProtocols.Tcp, vlan, false, out var sourceIsFirst);
        var flags = tcp.Flags;
        var syn = (flags & TcpControlBits.Syn) != 0;
        var ack = (flags & TcpControlBits.Ack) != 0;
        var flow = _flows.Find(key);
        if (flow is not null && flow.TimeoutClass == TimeoutClass.Closed && syn && !ack)
        {
            // Port reuse: a fresh SYN on a finished connection starts a new one.
            _flows.Remove(flow, "closed");
            flow = null;
        }

        if (flow is null)
        {
            // A SYN-ACK first means we missed the SYN: the receiver is the originator (Zeek's '^').
            var flipped = syn && ack;
            flow = CreateFlow(key, flipped ? !sourceIsFirst : sourceIsFirst, ticks, TimeoutClass.Tcp, oneWay: false);
            if (flipped)
            {
                flow.History.Add(ConnectionHistory.Flipped, true);
            }
        }

        var fromOriginator = sourceIsFirst == flow.OriginatorIsFirst;
        CheckActiveTimeout(flow, ticks);
        ref var endpoint = ref fromOriginator ? ref flow.Originator : ref flow.Responder;
        endpoint.SawPacket = true;
        if (fromOriginator)
        {
            flow.OriginatorPackets++;
            flow.OriginatorIpBytes += ipBytes;
        }
        else
        {
            flow.ResponderPackets++;
            flow.ResponderIpBytes += ipBytes;
        }

        var fin = (flags & TcpControlBits.Fin) != 0;
        var rst = (flags & TcpControlBits.Rst) != 0;
        var stream = fromOriginator ? flow.OriginatorStream : flow.ResponderStream;
        if ((syn && (fin || rst)) || (fin && rst))
        {
            flow.History.Add(ConnectionHistory.MultiFlag, fromOriginator);
        }

        if (syn)
        {
            if (ack)
            {
                endpoint.SawSynAck = true;
                flow.History.Add(ConnectionHistory.SynAck, fromOriginator);
            }
            else
            {
                endpoint.SawSyn = true;
                flow.History.Add(ConnectionHistory.Syn, fromOriginator);
            }

            stream.OnSyn(tcp.Sequence);
        }

        if (rst)
        {
            if (!flow.Originator.SawReset && !flow.Responder.SawReset)
            {
                flow.FirstResetFromOriginator = fromOriginator;
            }

            endpoint.SawReset = true;
            flow.History.Add(ConnectionHistory.Reset, fromOriginator);
        }

        var payload = tcp.Payload;
        if (!payload.IsEmpty)
        {
            flow.History.Add(ConnectionHistory.Data, fromOriginator);
            if (!flow.ParserResolved)
            {
                ResolveParsers(flow);
            }

            var before = stream.DeliveredBytes + stream.MissedBytes;
            var consumer = new ParserFeed(this, flow, fromOriginator ? FlowDirection.ToResponder : FlowDirection.ToOriginator, ticks);
            var outcome = stream.OnData(syn ? tcp.Sequence + 1 : tcp.Sequence, payload, ref consumer);
            var added = stream.DeliveredBytes + stream.MissedBytes - before;
            if (fromOriginator)
            {
                flow.OriginatorBytes += added;
            }
            else
            {
                flow.ResponderBytes += added;
            }

            if ((outcome & SegmentOutcome.Retransmission) != 0)
            {
                Counters.TcpRetransmissions++;
                flow.History.Add(ConnectionHistory.Retransmission, fromOriginator);
            }

            if ((outcome & SegmentOutcome.Gap) != 0)
            {
                Counters.TcpGaps++;
                flow.History.Add(ConnectionHistory.Gap, fromOriginator);
            }
        }
        else if (ack && !syn && !fin && !rst)
        {
            flow.History.Add(ConnectionHistory.Ack, fromOriginator);
        }

        if (fin)
        {
            endpoint.SawFin = true;
            flow.History.Add(ConnectionHistory.Fin, fromOriginator);
        }

        if (tcp.Window == 0 && !syn && !rst)
        {
            flow.History.Add(ConnectionHistory.ZeroWindow, fromOriginator);
        }

        var closed = (flow.Originator.SawFin && flow.Responder.SawFin) || flow.Originator.SawReset || flow.Responder.SawReset;
        _flows.Touch(flow, ticks, closed ? TimeoutClass.Closed : TimeoutClass.Tcp);
    }

    private void ProcessUdp(in FlowAddress source, in FlowAddress destination, in UdpHeader udp, int ipBytes, ushort vlan, long ticks)
    {
        var key = FlowKey.Create(source, udp.SourcePort, destination, udp.DestinationPort, IpProtocols.Udp, vlan, false, out var sourceIsFirst);
        var flow = _flows.Find(key) ?? CreateFlow(key, sourceIsFirst, ticks, TimeoutClass.Udp, oneWay: false);
        var fromOriginator = sourceIsFirst == flow.OriginatorIsFirst;
        CheckActiveTimeout(flow, ticks);
        var payload = udp.Payload;
        if (fromOriginator)
        {
            flow.OriginatorPackets++;
            flow.OriginatorBytes += payload.Length;
            flow.OriginatorIpBytes += ipBytes;
        }
        else
        {
            flow.ResponderPackets++;
            flow.ResponderBytes += payload.Length;
            flow.ResponderIpBytes += ipBytes;
        }

        _flows.Touch(flow, ticks, TimeoutClass.Udp);
        if (payload.IsEmpty)
        {
            return;
        }

        if (!flow.ParserResolved)
        {
            ResolveParsers(flow);
        }

        if (flow.DatagramParser is { } parser)
        {
            var context = new ParserContext(flow.Info, new DateTimeOffset(ticks, TimeSpan.Zero), flow);
            try
            {
                parser.OnDatagram(context, fromOriginator ? FlowDirection.ToResponder : FlowDirection.ToOriginator, payload);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Counters.ParserErrors++;
                flow.DatagramParser = null;
            }
        }
    }

    private void ProcessOther(in FlowAddress source, ushort sourcePort, in FlowAddress destination, ushort destinationPort, byte protocol, bool oneWay, int payloadLength, int ipBytes, ushort vlan, long ticks)
    {
        var key = FlowKey.Create(source, sourcePort, destination, destinationPort, protocol, vlan, oneWay, out var sourceIsFirst);
        var flow = _flows.Find(key) ?? CreateFlow(key, sourceIsFirst, ticks, TimeoutClass.Other, oneWay);
        var fromOriginator = sourceIsFirst == flow.OriginatorIsFirst;
        CheckActiveTimeout(flow, ticks);
        if (fromOriginator)
        {
            flow.OriginatorPackets++;
            flow.OriginatorBytes += Math.Max(payloadLength, 0);
            flow.OriginatorIpBytes += ipBytes;
        }
        else
        {
            flow.ResponderPackets++;
            flow.ResponderBytes += Math.Max(payloadLength, 0);
            flow.ResponderIpBytes += ipBytes;
        }

        _flows.Touch(flow, ticks, TimeoutClass.Other);
    }

    private Flow CreateFlow(in FlowKey key, bool originatorIsFirst, long ticks, TimeoutClass timeoutClass, bool oneWay)
    {
        var flow = _flows.Add(key, timeoutClass);
        var originator = originatorIsFirst ? key.First : key.Second;
        var responder = originatorIsFirst ? key.Second : key.First;
        var originatorPort = originatorIsFirst ? key.FirstPort : key.SecondPort;
        var responderPort = originatorIsFirst ? key.SecondPort : key.FirstPort;
        var info = new FlowInfo
        {
            Uid = _uids.Next(),
            CommunityId = CommunityId.Compute(originator, originatorPort, responder, responderPort, key.Protocol, oneWay),
            Protocol = key.Protocol,
            Originator = new IPEndPoint(originator.ToIPAddress(), originatorPort),
            Responder = new IPEndPoint(responder.ToIPAddress(), responderPort),
            Vlan = key.Vlan == 0 ? null : key.Vlan,
        };
        flow.Initialize(key, info, originatorIsFirst, ticks, _sink);
        Counters.Flows++;
        Counters.ActiveFlows = _flows.Count;
        return flow;
    }

    private void ResolveParsers(Flow flow)
    {
        flow.ParserResolved = true;
        try
        {
            if (flow.IsTcp)
            {
                flow.StreamParser = _options.StreamParserFactory(flow.Info);
            }
            else if (flow.Key.Protocol == IpProtocols.Udp)
            {
                flow.DatagramParser = _options.DatagramParserFactory(flow.Info);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Counters.ParserErrors++;
        }
    }

    private void CheckActiveTimeout(Flow flow, long ticks)
    {
        if (ticks - flow.StartTicks <= _activeTimeoutTicks)
        {
            return;
        }

        Counters.ActiveTimeouts++;
        _sink.OnEvent(BuildConnectionEvent(flow, "active"));
        flow.RestartCounters(ticks);
    }

    private void OnFlowEnded(Flow flow, string reason)
    {
        if (flow.IsTcp)
        {
            var toResponder = new ParserFeed(this, flow, FlowDirection.ToResponder, flow.LastTicks);
            var originatorBefore = flow.OriginatorStream.DeliveredBytes + flow.OriginatorStream.MissedBytes;
            if ((flow.OriginatorStream.Flush(ref toResponder) & SegmentOutcome.Gap) != 0)
            {
                Counters.TcpGaps++;
                flow.History.Add(ConnectionHistory.Gap, true);
            }

            flow.OriginatorBytes += flow.OriginatorStream.DeliveredBytes + flow.OriginatorStream.MissedBytes - originatorBefore;
            var toOriginator = new ParserFeed(this, flow, FlowDirection.ToOriginator, flow.LastTicks);
            var responderBefore = flow.ResponderStream.DeliveredBytes + flow.ResponderStream.MissedBytes;
            if ((flow.ResponderStream.Flush(ref toOriginator) & SegmentOutcome.Gap) != 0)
            {
                Counters.TcpGaps++;
                flow.History.Add(ConnectionHistory.Gap, false);
            }

            flow.ResponderBytes += flow.ResponderStream.DeliveredBytes + flow.ResponderStream.MissedBytes - responderBefore;
            if (flow.StreamParser is { } parser)
            {
                try
                {
                    parser.OnClose(new ParserContext(flow.Info, new DateTimeOffset(flow.LastTicks, TimeSpan.Zero), flow));
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Counters.ParserErrors++;
                }
            }
        }
        else if (flow.DatagramParser is { } datagramParser)
        {
            // Reports what is still pending, e.g. DNS queries that never got an answer.
            try
            {
                datagramParser.OnClose(new ParserContext(flow.Info, new DateTimeOffset(flow.LastTicks, TimeSpan.Zero), flow));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Counters.ParserErrors++;
            }
        }

        _sink.OnEvent(BuildConnectionEvent(flow, reason));
        Counters.ActiveFlows = _flows.Count;
        Counters.FlowsEvicted = _flows.Evicted;
        Counters.FlowsExpired = _flows.Expired;
    }

    private static ConnectionEvent BuildConnectionEvent(Flow flow, string reason) => new()
    {
        Timestamp = new DateTimeOffset(flow.LastTicks, TimeSpan.Zero),
        Flow = flow.Info,
        Start = new DateTimeOffset(flow.StartTicks, TimeSpan.Zero),
        Duration = TimeSpan.FromTicks(flow.LastTicks - flow.StartTicks),
        OriginatorPackets = flow.OriginatorPackets,
        OriginatorBytes = flow.OriginatorBytes,
        ResponderPackets = flow.ResponderPackets,
        ResponderBytes = flow.ResponderBytes,
        State = ConnectionState.Of(flow),
        History = flow.History.IsEmpty ? null : flow.History.ToString(),
        Service = flow.Service,
        EndReason = reason,
        MissedBytes = flow.MissedBytes,
    };

    /// <summary>Hands reassembled bytes of one direction to the flow's stream parser.</summary>
    private readonly struct ParserFeed(TrafficEngine engine, Flow flow, FlowDirection direction, long ticks) : IStreamConsumer
    {
        public void OnData(ReadOnlySpan<byte> data)
        {
            if (flow.StreamParser is not { } parser)
            {
                return;
            }

            try
            {
                parser.OnData(new ParserContext(flow.Info, new DateTimeOffset(ticks, TimeSpan.Zero), flow), direction, data);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                engine.Counters.ParserErrors++;
                flow.StreamParser = null;
            }
        }

        public void OnGap(int length)
        {
            if (flow.StreamParser is not { } parser)
            {
                return;
            }

            try
            {
                parser.OnGap(new ParserContext(flow.Info, new DateTimeOffset(ticks, TimeSpan.Zero), flow), direction, length);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                engine.Counters.ParserErrors++;
                flow.StreamParser = null;
            }
        }
    }
}
