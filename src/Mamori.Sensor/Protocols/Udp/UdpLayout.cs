namespace Mamori.Sensor.Protocols.Udp;

/// <summary>Offsets in a UDP header (RFC 768).</summary>
internal static class UdpLayout
{
    public const int SourcePortOffset = 0;
    public const int DestinationPortOffset = 2;
    public const int LengthOffset = 4;
    public const int HeaderLength = 8;
}
