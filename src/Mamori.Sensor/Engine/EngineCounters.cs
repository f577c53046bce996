namespace Mamori.Sensor.Engine;

/// <summary>What the engine has seen; read them for the summary, the sensor heartbeat and counts.</summary>
public sealed class EngineCounters
{
    private readonly Dictionary<string, long> _eventsByKind = new(StringComparer.Ordinal);

    /// <summary>Packets processed.</summary>
    public long Packets { get; internal set; }

    /// <summary>Captured bytes processed.</summary>
    public long Bytes { get; internal set; }

    /// <summary>IPv4 packets.</summary>
    public long Ipv4Packets { get; internal set; }

    /// <summary>IPv6 packets.</summary>
    public long Ipv6Packets { get; internal set; }

    /// <summary>ARP packets.</summary>
    public long ArpPackets { get; internal set; }

    /// <summary>Frames of other kinds (LLDP, STP, ...), not decoded further.</summary>
    public long OtherPackets { get; internal set; }

    /// <summary>Packets of a link type the engine does not decode.</summary>
    public long UnsupportedLinkType { get; internal set; }

    /// <summary>Packets whose headers were malformed or cut short.</summary>
    public long DecodeErrors { get; internal set; }

    /// <summary>IP fragments seen.</summary>
    public long Fragments { get; internal set; }

    /// <summary>Datagrams rebuilt from fragments.</summary>
    public long FragmentsReassembled { get; internal set; }

    /// <summary>Fragmented datagrams given up (timeout, no room, malformed).</summary>
    public long FragmentsAbandoned { get; internal set; }

    /// <summary>Flows created.</summary>
    public long Flows { get; internal set; }

    /// <summary>Flows in the table right now.</summary>
    public long ActiveFlows { get; internal set; }

    /// <summary>Flows evicted because the table was full.</summary>
    public long FlowsEvicted { get; internal set; }

    /// <summary>Flows ended by an idle timeout.</summary>
    public long FlowsExpired { get; internal set; }

    /// <summary>Flow records written because a flow ran past the active timeout.</summary>
    public long ActiveTimeouts { get; internal set; }

    /// <summary>TCP segments that carried only bytes already delivered.</summary>
    public long TcpRetransmissions { get; internal set; }

    /// <summary>Holes in TCP streams given up on.</summary>
    public long TcpGaps { get; internal set; }

    /// <summary>Exceptions thrown by application parsers (the parser is then dropped for that flow).</summary>
    public long ParserErrors { get; internal set; }

    /// <summary>Packets dropped by the capture (kernel, interface, or recorded in the file).</summary>
    public long CaptureDrops { get; internal set; }

    /// <summary>Malformed capture records skipped.</summary>
    public long CaptureErrors { get; internal set; }

    /// <summary>Events emitted, by <see cref="Events.MetadataEvent.Kind"/>.</summary>
    public IReadOnlyDictionary<string, long> EventsByKind => _eventsByKind;

    /// <summary>Events emitted in total.</summary>
    public long Events { get; private set; }

    internal void CountEvent(string kind)
    {
        Events++;
        if (_eventsByKind.TryGetValue(kind, out var count))
        {
            _eventsByKind[kind] = count + 1;
        }
        else
        {
            _eventsByKind.Add(kind, 1);
        }
    }
}
