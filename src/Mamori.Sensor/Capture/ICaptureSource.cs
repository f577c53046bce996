namespace Mamori.Sensor.Capture;

/// <summary>A source of captured packets: a pcap or pcapng stream, or a live interface.</summary>
public interface ICaptureSource : IDisposable
{
    /// <summary>
    /// Reads the next packet. Returns false at the end of the capture (or, live, when stopped).
    /// The packet's bytes are valid until the next call.
    /// </summary>
    bool TryReadPacket(out RawPacket packet);

    /// <summary>What was read so far, including errors and drops.</summary>
    CaptureStatistics Statistics { get; }

    /// <summary>Bytes consumed from the underlying stream (0 for live capture).</summary>
    long Position { get; }

    /// <summary>Total length of the underlying stream if known, else null.</summary>
    long? Length { get; }
}
