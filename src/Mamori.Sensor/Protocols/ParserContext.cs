using Mamori.Sensor.Events;

namespace Mamori.Sensor.Protocols;

/// <summary>What an application parser is told about the bytes it is handed.</summary>
public readonly struct ParserContext
{
    /// <summary>Creates a context.</summary>
    public ParserContext(FlowInfo flow, DateTimeOffset timestamp, IEventSink sink)
    {
        Flow = flow;
        Timestamp = timestamp;
        Sink = sink;
    }

    /// <summary>The flow the bytes belong to.</summary>
    public FlowInfo Flow { get; }

    /// <summary>Timestamp of the packet that carried the bytes.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Where the parser reports what it found.</summary>
    public IEventSink Sink { get; }
}

/// <summary>
/// Parses one TCP connection's reassembled byte stream. The flow table feeds each direction's
/// bytes in order; a parser keeps whatever state it needs between calls (messages may be split
/// anywhere) and must stay bounded: it buffers at most a few KiB and gives up past that.
/// </summary>
public interface IStreamParser
{
    /// <summary>In-order bytes of one direction. The span is only valid during the call.</summary>
    void OnData(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> data);

    /// <summary>Bytes that were never captured (a hole the reassembler gave up on).</summary>
    void OnGap(in ParserContext context, FlowDirection direction, int length);

    /// <summary>The connection ended (FIN/RST seen, timed out, or the capture ended).</summary>
    void OnClose(in ParserContext context);
}

/// <summary>Parses single datagrams (UDP payloads) such as DNS, DHCP, mDNS, LLMNR, NBNS.</summary>
public interface IDatagramParser
{
    /// <summary>One UDP payload. The span is only valid during the call.</summary>
    void OnDatagram(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> payload);

    /// <summary>
    /// The flow ended (idle timeout or end of capture): report what is still pending, such as a
    /// DNS query that never got an answer. Parsers without state need not implement it.
    /// </summary>
    void OnClose(in ParserContext context)
    {
    }
}
