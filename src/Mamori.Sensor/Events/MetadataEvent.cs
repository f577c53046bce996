using System.Net;

namespace Mamori.Sensor.Events;

/// <summary>
/// One fact the traffic engine learned from the wire (or a host log), handed to the detectors.
/// Events carry metadata only: never a payload, never a password.
/// </summary>
/// <remarks>
/// Field names follow Zeek's logs where Zeek has the same field, so analysts feel at home in
/// <c>mamori extract</c> output (https://docs.zeek.org/en/master/logs/index.html).
/// </remarks>
public abstract record MetadataEvent
{
    /// <summary>Time of the packet (or log record) that completed the event.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The flow the event belongs to, or null for events with no flow (ARP, host logs).</summary>
    public FlowInfo? Flow { get; init; }

    /// <summary>Short name used as the JSON Lines <c>kind</c> ("dns", "http", "tls", ...).</summary>
    public abstract string Kind { get; }
}

/// <summary>Direction of bytes within a flow, relative to the side that opened it.</summary>
public enum FlowDirection : byte
{
    /// <summary>Originator to responder (client to server).</summary>
    ToResponder = 0,

    /// <summary>Responder to originator (server to client).</summary>
    ToOriginator = 1,
}

/// <summary>
/// The identity of a flow as application parsers and detectors see it. Created once per flow by
/// the flow table, so it may hold reference types without costing an allocation per packet.
/// </summary>
public sealed class FlowInfo
{
    /// <summary>Zeek-style unique id, e.g. "CmF3x01a9VpXkQ2b".</summary>
    public required string Uid { get; init; }

    /// <summary>Community ID v1 ("1:base64"), https://github.com/corelight/community-id-spec.</summary>
    public required string CommunityId { get; init; }

    /// <summary>IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6).</summary>
    public required byte Protocol { get; init; }

    /// <summary>The side that sent the first packet (for TCP: the SYN).</summary>
    public required IPEndPoint Originator { get; init; }

    /// <summary>The other side.</summary>
    public required IPEndPoint Responder { get; init; }

    /// <summary>VLAN id of the outermost tag, or null.</summary>
    public ushort? Vlan { get; init; }
}

/// <summary>Receives events. Implementations must not retain spans; events themselves are immutable.</summary>
public interface IEventSink
{
    /// <summary>Called once per event, in timestamp order within a flow.</summary>
    void OnEvent(MetadataEvent metadataEvent);
}
