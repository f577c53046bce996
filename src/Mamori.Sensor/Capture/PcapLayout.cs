namespace Mamori.Sensor.Capture;

/// <summary>
/// Offsets and sizes in the classic pcap format
/// (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html).
/// </summary>
internal static class PcapLayout
{
    public const int FileHeaderLength = 24;
    public const int MagicOffset = 0;
    public const int VersionMajorOffset = 4;
    public const int VersionMinorOffset = 6;
    public const int SnapLengthOffset = 16;
    public const int LinkTypeOffset = 20;

    public const int RecordHeaderLength = 16;
    public const int TimestampSecondsOffset = 0;
    public const int TimestampFractionOffset = 4;
    public const int IncludedLengthOffset = 8;
    public const int OriginalLengthOffset = 12;

    public const uint MagicMicroseconds = 0xA1B2C3D4;
    public const uint MagicNanoseconds = 0xA1B23C4D;
    public const uint MagicMicrosecondsSwapped = 0xD4C3B2A1;
    public const uint MagicNanosecondsSwapped = 0x4D3CB2A1;

    /// <summary>Largest record accepted, as Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD.</summary>
    public const int MaxRecordLength = 262_144;
}
