using Mamori.Sensor.Capture;

namespace Mamori.Sensor.Tests.TestSupport;

/// <summary>A packet copied out of a reader, for comparisons.</summary>
public sealed record CapturedFrame(long Ticks, LinkType LinkType, int InterfaceId, int OriginalLength, byte[] Data)
{
    public static List<CapturedFrame> ReadAll(ICaptureSource source)
    {
        var frames = new List<CapturedFrame>();
        while (source.TryReadPacket(out var packet))
        {
            frames.Add(new CapturedFrame(packet.TimestampTicks, packet.LinkType, packet.InterfaceId, packet.OriginalLength, packet.Data.ToArray()));
        }

        return frames;
    }

    public static List<CapturedFrame> ReadAll(byte[] capture, int chunk = int.MaxValue)
    {
        using var source = CaptureReader.Open(chunk == int.MaxValue ? new MemoryStream(capture) : new ChunkedStream(capture, chunk));
        return ReadAll(source);
    }

    public bool SameAs(CapturedFrame other) =>
        Ticks == other.Ticks && LinkType == other.LinkType && InterfaceId == other.InterfaceId && Data.AsSpan().SequenceEqual(other.Data);
}
