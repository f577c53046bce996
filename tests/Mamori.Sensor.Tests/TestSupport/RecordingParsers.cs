using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols;

namespace Mamori.Sensor.Tests.TestSupport;

/// <summary>Keeps the reassembled bytes and gaps of each direction.</summary>
public sealed class RecordingStreamParser : IStreamParser
{
    public List<byte> ToResponder { get; } = [];

    public List<byte> ToOriginator { get; } = [];

    public List<(FlowDirection Direction, int Length)> Gaps { get; } = [];

    public int Closed { get; private set; }

    public FlowInfo? Flow { get; private set; }

    public void OnData(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> data)
    {
        Flow = context.Flow;
        (direction == FlowDirection.ToResponder ? ToResponder : ToOriginator).AddRange(data.ToArray());
    }

    public void OnGap(in ParserContext context, FlowDirection direction, int length) => Gaps.Add((direction, length));

    public void OnClose(in ParserContext context) => Closed++;
}

/// <summary>Counts bytes without allocating (allocation tests).</summary>
public sealed class CountingStreamParser : IStreamParser
{
    public long Bytes { get; private set; }

    public void OnData(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> data) => Bytes += data.Length;

    public void OnGap(in ParserContext context, FlowDirection direction, int length)
    {
    }

    public void OnClose(in ParserContext context)
    {
    }
}

/// <summary>Keeps every datagram and can emit an event per datagram.</summary>
public sealed class RecordingDatagramParser : IDatagramParser
{
    public List<(FlowDirection Direction, byte[] Payload)> Datagrams { get; } = [];

    public void OnDatagram(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> payload)
    {
        Datagrams.Add((direction, payload.ToArray()));
        context.Sink.OnEvent(new DnsEvent { Timestamp = context.Timestamp, Flow = context.Flow, Query = "n" + Datagrams.Count });
    }
}

/// <summary>Always throws, to prove a broken parser cannot take the engine down.</summary>
public sealed class ThrowingStreamParser : IStreamParser
{
    public void OnData(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> data) => throw new InvalidOperationException("boom");

    public void OnGap(in ParserContext context, FlowDirection direction, int length) => throw new InvalidOperationException("boom");

    public void OnClose(in ParserContext context) => throw new InvalidOperationException("boom");
}
