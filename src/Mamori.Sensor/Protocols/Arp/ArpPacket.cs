using System.Buffers.Binary;

namespace Mamori.Sensor.Protocols.Arp;

/// <summary>An ARP request or reply for IPv4 over Ethernet.</summary>
public readonly ref struct ArpPacket
{
    private ArpPacket(ushort operation, ReadOnlySpan<byte> data)
    {
        Operation = operation;
        SenderMac = data.Slice(ArpLayout.SenderHardwareOffset, 6);
        SenderAddress = data.Slice(ArpLayout.SenderProtocolOffset, 4);
        TargetMac = data.Slice(ArpLayout.TargetHardwareOffset, 6);
        TargetAddress = data.Slice(ArpLayout.TargetProtocolOffset, 4);
    }

    /// <summary>1 request, 2 reply.</summary>
    public ushort Operation { get; }

    /// <summary>True for a reply.</summary>
    public bool IsReply => Operation == ArpLayout.OperationReply;

    /// <summary>Sender hardware address (6 bytes).</summary>
    public ReadOnlySpan<byte> SenderMac { get; }

    /// <summary>Sender IPv4 address (4 bytes).</summary>
    public ReadOnlySpan<byte> SenderAddress { get; }

    /// <summary>Target hardware address (6 bytes; zero in a request).</summary>
    public ReadOnlySpan<byte> TargetMac { get; }

    /// <summary>Target IPv4 address (4 bytes).</summary>
    public ReadOnlySpan<byte> TargetAddress { get; }

    /// <summary>Reads an Ethernet/IPv4 request or reply; false for anything shorter or of another kind.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out ArpPacket packet)
    {
        packet = default;
        if (data.Length < ArpLayout.Length
            || BinaryPrimitives.ReadUInt16BigEndian(data[ArpLayout.HardwareTypeOffset..]) != ArpLayout.HardwareEthernet
            || BinaryPrimitives.ReadUInt16BigEndian(data[ArpLayout.ProtocolTypeOffset..]) != ArpLayout.ProtocolIpv4
            || data[ArpLayout.HardwareLengthOffset] != 6
            || data[ArpLayout.ProtocolLengthOffset] != 4)
        {
            return false;
        }

        var operation = BinaryPrimitives.ReadUInt16BigEndian(data[ArpLayout.OperationOffset..]);
        if (operation is not (ArpLayout.OperationRequest or ArpLayout.OperationReply))
        {
            return false;
        }

        packet = new ArpPacket(operation, data);
        return true;
    }
}
