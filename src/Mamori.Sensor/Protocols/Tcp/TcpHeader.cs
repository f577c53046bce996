using System.Buffers.Binary;

namespace Mamori.Sensor.Protocols.Tcp;

/// <summary>A TCP header, its options and its payload.</summary>
public readonly ref struct TcpHeader
{
    private TcpHeader(ReadOnlySpan<byte> data, int headerLength)
    {
        SourcePort = BinaryPrimitives.ReadUInt16BigEndian(data[TcpLayout.SourcePortOffset..]);
        DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(data[TcpLayout.DestinationPortOffset..]);
        Sequence = BinaryPrimitives.ReadUInt32BigEndian(data[TcpLayout.SequenceOffset..]);
        Acknowledgment = BinaryPrimitives.ReadUInt32BigEndian(data[TcpLayout.AcknowledgmentOffset..]);
        HeaderLength = headerLength;
        Flags = (TcpControlBits)data[TcpLayout.FlagsOffset];
        Window = BinaryPrimitives.ReadUInt16BigEndian(data[TcpLayout.WindowOffset..]);
        Options = data[TcpLayout.MinHeaderLength..headerLength];
        Payload = data[headerLength..];
    }

    /// <summary>Source port.</summary>
    public ushort SourcePort { get; }

    /// <summary>Destination port.</summary>
    public ushort DestinationPort { get; }

    /// <summary>Sequence number.</summary>
    public uint Sequence { get; }

    /// <summary>Acknowledgment number.</summary>
    public uint Acknowledgment { get; }

    /// <summary>Header length in bytes including options.</summary>
    public int HeaderLength { get; }

    /// <summary>Control flags.</summary>
    public TcpControlBits Flags { get; }

    /// <summary>Receive window (unscaled).</summary>
    public ushort Window { get; }

    /// <summary>Raw options bytes.</summary>
    public ReadOnlySpan<byte> Options { get; }

    /// <summary>Segment payload.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Reads the header; false when the data is shorter than its data offset says.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out TcpHeader header)
    {
        header = default;
        if (data.Length < TcpLayout.MinHeaderLength)
        {
            return false;
        }

        var headerLength = (data[TcpLayout.DataOffsetOffset] >> 4) * 4;
        if (headerLength < TcpLayout.MinHeaderLength || headerLength > data.Length)
        {
            return false;
        }

        header = new TcpHeader(data, headerLength);
        return true;
    }
}

/// <summary>The TCP options the engine reads.</summary>
public readonly struct TcpOptionValues
{
    private TcpOptionValues(ushort maxSegmentSize, sbyte windowScale, bool sackPermitted, bool hasTimestamps, uint timestampValue, uint timestampEcho)
    {
        MaxSegmentSize = maxSegmentSize;
        WindowScale = windowScale;
        SackPermitted = sackPermitted;
        HasTimestamps = hasTimestamps;
        TimestampValue = timestampValue;
        TimestampEcho = timestampEcho;
    }

    /// <summary>MSS option, 0 when absent.</summary>
    public ushort MaxSegmentSize { get; }

    /// <summary>Window scale shift, -1 when absent.</summary>
    public sbyte WindowScale { get; }

    /// <summary>SACK-permitted seen.</summary>
    public bool SackPermitted { get; }

    /// <summary>Timestamps option seen.</summary>
    public bool HasTimestamps { get; }

    /// <summary>TSval.</summary>
    public uint TimestampValue { get; }

    /// <summary>TSecr.</summary>
    public uint TimestampEcho { get; }

    /// <summary>
    /// Reads options. Returns false on a malformed option list (a length that runs past the end or
    /// is below 2); <paramref name="values"/> then holds the options read before the fault.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> options, out TcpOptionValues values)
    {
        ushort mss = 0;
        sbyte scale = -1;
        var sack = false;
        var hasTimestamps = false;
        uint tsValue = 0;
        uint tsEcho = 0;
        var ok = true;
        var i = 0;
        while ((uint)i < (uint)options.Length)
        {
            var kind = options[i];
            if (kind == TcpLayout.OptionEnd)
            {
                break;
            }

            if (kind == TcpLayout.OptionNoOperation)
            {
                i++;
                continue;
            }

            if ((uint)(i + 1) >= (uint)options.Length)
            {
                ok = false;
                break;
            }

            var length = options[i + 1];
            if (length < 2 || i + length > options.Length)
            {
                ok = false;
                break;
            }

            var value = options.Slice(i + 2, length - 2);
            switch (kind)
            {
                case TcpLayout.OptionMaxSegmentSize when value.Length == 2:
                    mss = BinaryPrimitives.ReadUInt16BigEndian(value);
                    break;
                case TcpLayout.OptionWindowScale when value.Length == 1:
                    scale = (sbyte)Math.Min(value[0], (byte)14);
                    break;
                case TcpLayout.OptionSackPermitted:
                    sack = true;
                    break;
                case TcpLayout.OptionTimestamps when value.Length == 8:
                    hasTimestamps = true;
                    tsValue = BinaryPrimitives.ReadUInt32BigEndian(value);
                    tsEcho = BinaryPrimitives.ReadUInt32BigEndian(value[4..]);
                    break;
            }

            i += length;
        }

        values = new TcpOptionValues(mss, scale, sack, hasTimestamps, tsValue, tsEcho);
        return ok;
    }
}
