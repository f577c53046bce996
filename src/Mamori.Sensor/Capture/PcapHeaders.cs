using System.Buffers;
using System.Buffers.Binary;

namespace Mamori.Sensor.Capture;

/// <summary>The 24-byte pcap file header.</summary>
public readonly struct PcapFileHeader
{
    private PcapFileHeader(bool bigEndian, bool nanoseconds, ushort major, ushort minor, uint snapLength, uint linkType)
    {
        BigEndian = bigEndian;
        Nanoseconds = nanoseconds;
        VersionMajor = major;
        VersionMinor = minor;
        SnapLength = snapLength;
        LinkType = (LinkType)(ushort)linkType;
    }

    /// <summary>True when the file was written big-endian.</summary>
    public bool BigEndian { get; }

    /// <summary>True for nanosecond timestamps (magic 0xA1B23C4D).</summary>
    public bool Nanoseconds { get; }

    /// <summary>Format major version (2).</summary>
    public ushort VersionMajor { get; }

    /// <summary>Format minor version (4).</summary>
    public ushort VersionMinor { get; }

    /// <summary>Snap length the capture was taken with.</summary>
    public uint SnapLength { get; }

    /// <summary>Link type (the low 16 bits; the upper bits carry FCS information).</summary>
    public LinkType LinkType { get; }

    /// <summary>
    /// Reads the header. <see cref="OperationStatus.NeedMoreData"/> when fewer than 24 bytes are
    /// given, <see cref="OperationStatus.InvalidData"/> when the magic number is not pcap's.
    /// </summary>
    public static OperationStatus TryRead(ReadOnlySpan<byte> data, out PcapFileHeader header)
    {
        header = default;
        if (data.Length < PcapLayout.FileHeaderLength)
        {
            return OperationStatus.NeedMoreData;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        bool bigEndian;
        bool nanoseconds;
        switch (magic)
        {
            case PcapLayout.MagicMicroseconds: bigEndian = false; nanoseconds = false; break;
            case PcapLayout.MagicNanoseconds: bigEndian = false; nanoseconds = true; break;
            case PcapLayout.MagicMicrosecondsSwapped: bigEndian = true; nanoseconds = false; break;
            case PcapLayout.MagicNanosecondsSwapped: bigEndian = true; nanoseconds = true; break;
            default: return OperationStatus.InvalidData;
        }

        header = new PcapFileHeader(
            bigEndian,
            nanoseconds,
            ReadUInt16(data[PcapLayout.VersionMajorOffset..], bigEndian),
            ReadUInt16(data[PcapLayout.VersionMinorOffset..], bigEndian),
            ReadUInt32(data[PcapLayout.SnapLengthOffset..], bigEndian),
            ReadUInt32(data[PcapLayout.LinkTypeOffset..], bigEndian) & 0xFFFF);
        return OperationStatus.Done;
    }

    internal static ushort ReadUInt16(ReadOnlySpan<byte> data, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data) : BinaryPrimitives.ReadUInt16LittleEndian(data);

    internal static uint ReadUInt32(ReadOnlySpan<byte> data, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data) : BinaryPrimitives.ReadUInt32LittleEndian(data);
}

/// <summary>The 16-byte header in front of every pcap record.</summary>
public readonly struct PcapRecordHeader
{
    private PcapRecordHeader(uint seconds, uint fraction, uint includedLength, uint originalLength)
    {
        Seconds = seconds;
        Fraction = fraction;
        IncludedLength = includedLength;
        OriginalLength = originalLength;
    }

    /// <summary>Seconds since the Unix epoch.</summary>
    public uint Seconds { get; }

    /// <summary>Microseconds or nanoseconds within the second.</summary>
    public uint Fraction { get; }

    /// <summary>Bytes of the frame that follow in the file.</summary>
    public uint IncludedLength { get; }

    /// <summary>Length of the frame on the wire.</summary>
    public uint OriginalLength { get; }

    /// <summary>Reads a record header; false (nothing consumed) when fewer than 16 bytes are given.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, bool bigEndian, out PcapRecordHeader header)
    {
        if (data.Length < PcapLayout.RecordHeaderLength)
        {
            header = default;
            return false;
        }

        header = new PcapRecordHeader(
            PcapFileHeader.ReadUInt32(data[PcapLayout.TimestampSecondsOffset..], bigEndian),
            PcapFileHeader.ReadUInt32(data[PcapLayout.TimestampFractionOffset..], bigEndian),
            PcapFileHeader.ReadUInt32(data[PcapLayout.IncludedLengthOffset..], bigEndian),
            PcapFileHeader.ReadUInt32(data[PcapLayout.OriginalLengthOffset..], bigEndian));
        return true;
    }
}
