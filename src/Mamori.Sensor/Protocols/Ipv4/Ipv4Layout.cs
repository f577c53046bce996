namespace Mamori.Sensor.Protocols.Ipv4;

/// <summary>Offsets in an IPv4 header (RFC 791).</summary>
internal static class Ipv4Layout
{
    public const int VersionAndHeaderLengthOffset = 0;
    public const int TotalLengthOffset = 2;
    public const int IdentificationOffset = 4;
    public const int FlagsAndFragmentOffset = 6;
    public const int TimeToLiveOffset = 8;
    public const int ProtocolOffset = 9;
    public const int SourceOffset = 12;
    public const int DestinationOffset = 16;
    public const int AddressLength = 4;
    public const int MinHeaderLength = 20;

    public const ushort DontFragmentFlag = 0x4000;
    public const ushort MoreFragmentsFlag = 0x2000;
    public const ushort FragmentOffsetMask = 0x1FFF;
}
