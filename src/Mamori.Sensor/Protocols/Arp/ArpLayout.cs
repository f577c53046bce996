namespace Mamori.Sensor.Protocols.Arp;

/// <summary>Offsets in an ARP packet for Ethernet and IPv4 (RFC 826).</summary>
internal static class ArpLayout
{
    public const int HardwareTypeOffset = 0;
    public const int ProtocolTypeOffset = 2;
    public const int HardwareLengthOffset = 4;
    public const int ProtocolLengthOffset = 5;
    public const int OperationOffset = 6;
    public const int SenderHardwareOffset = 8;
    public const int SenderProtocolOffset = 14;
    public const int TargetHardwareOffset = 18;
    public const int TargetProtocolOffset = 24;
    public const int Length = 28;

    public const ushort HardwareEthernet = 1;
    public const ushort ProtocolIpv4 = 0x0800;
    public const ushort OperationRequest = 1;
    public const ushort OperationReply = 2;
}
