namespace Mamori.Sensor.Capture;

/// <summary>
/// One captured frame as a source hands it out. The bytes belong to the source's buffer and are
/// only valid until the next read.
/// </summary>
public readonly ref struct RawPacket
{
    /// <summary>Creates a packet view.</summary>
    public RawPacket(long timestampTicks, LinkType linkType, int originalLength, ReadOnlySpan<byte> data, int interfaceId = 0)
    {
        TimestampTicks = timestampTicks;
        LinkType = linkType;
        OriginalLength = originalLength;
        Data = data;
        InterfaceId = interfaceId;
    }

    /// <summary>Capture time in <see cref="DateTime.Ticks"/> (UTC), so conversions never allocate.</summary>
    public long TimestampTicks { get; }

    /// <summary>Capture time.</summary>
    public DateTimeOffset Timestamp => new(TimestampTicks, TimeSpan.Zero);

    /// <summary>Link-layer header type of <see cref="Data"/>.</summary>
    public LinkType LinkType { get; }

    /// <summary>Length of the frame on the wire (may exceed <see cref="Data"/> when the snap length cut it).</summary>
    public int OriginalLength { get; }

    /// <summary>The captured bytes.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Index of the capture interface (pcapng), 0 otherwise.</summary>
    public int InterfaceId { get; }
}
