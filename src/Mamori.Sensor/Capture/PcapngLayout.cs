namespace Mamori.Sensor.Capture;

/// <summary>
/// Block types and offsets of pcapng
/// (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-01.html).
/// </summary>
internal static class PcapngLayout
{
    public const uint SectionHeaderBlock = 0x0A0D0D0A;
    public const uint InterfaceDescriptionBlock = 0x00000001;
    public const uint ObsoletePacketBlock = 0x00000002;
    public const uint SimplePacketBlock = 0x00000003;
    public const uint NameResolutionBlock = 0x00000004;
    public const uint InterfaceStatisticsBlock = 0x00000005;
    public const uint EnhancedPacketBlock = 0x00000006;
    public const uint DecryptionSecretsBlock = 0x0000000A;

    public const uint ByteOrderMagic = 0x1A2B3C4D;

    public const int BlockHeaderLength = 8;
    public const int BlockTrailerLength = 4;
    public const int MinBlockLength = BlockHeaderLength + BlockTrailerLength;
    public const int TypeOffset = 0;
    public const int TotalLengthOffset = 4;
    public const int BodyOffset = 8;

    // Section Header Block body.
    public const int ShbByteOrderOffset = 8;
    public const int ShbMinLength = 28;

    // Interface Description Block body.
    public const int IdbLinkTypeOffset = 8;
    public const int IdbSnapLengthOffset = 12;
    public const int IdbOptionsOffset = 16;
    public const int IdbMinLength = 20;
    public const ushort OptionEnd = 0;
    public const ushort IdbOptionTimestampResolution = 9;
    public const ushort IdbOptionTimestampOffset = 14;

    // Enhanced Packet Block body.
    public const int EpbInterfaceOffset = 8;
    public const int EpbTimestampHighOffset = 12;
    public const int EpbTimestampLowOffset = 16;
    public const int EpbCapturedLengthOffset = 20;
    public const int EpbOriginalLengthOffset = 24;
    public const int EpbDataOffset = 28;
    public const int EpbMinLength = 32;

    // Interface Statistics Block body: interface id, timestamp, then options.
    public const int IsbOptionsOffset = 20;
    public const ushort IsbOptionInterfaceDrops = 5;
    public const ushort IsbOptionOsDrops = 7;

    // Simple Packet Block body.
    public const int SpbOriginalLengthOffset = 8;
    public const int SpbDataOffset = 12;
    public const int SpbMinLength = 16;

    // Obsolete Packet Block body.
    public const int PbInterfaceOffset = 8;
    public const int PbDropsOffset = 10;
    public const int PbTimestampHighOffset = 12;
    public const int PbTimestampLowOffset = 16;
    public const int PbCapturedLengthOffset = 20;
    public const int PbOriginalLengthOffset = 24;
    public const int PbDataOffset = 28;
    public const int PbMinLength = 32;

    /// <summary>Largest block accepted (Wireshark's limit is 16 MiB as well).</summary>
    public const int MaxBlockLength = 16 * 1024 * 1024;

    /// <summary>Interfaces per section accepted before further IDBs are refused.</summary>
    public const int MaxInterfaces = 1024;
}
