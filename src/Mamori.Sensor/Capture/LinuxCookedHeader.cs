using System.Buffers.Binary;

namespace Mamori.Sensor.Capture;

/// <summary>
/// The Linux "cooked" pseudo-headers that tcpdump -i any writes: SLL (16 bytes,
/// https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html) and SLL2 (20 bytes,
/// https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html).
/// </summary>
public static class LinuxCookedHeader
{
    /// <summary>SLL header length.</summary>
    public const int SllLength = 16;

    /// <summary>SLL2 header length.</summary>
    public const int Sll2Length = 20;

    private const int SllProtocolOffset = 14;
    private const int Sll2ProtocolOffset = 0;

    /// <summary>Reads an SLL header: the EtherType of the payload and the payload.</summary>
    public static bool TryReadSll(ReadOnlySpan<byte> data, out ushort etherType, out ReadOnlySpan<byte> payload)
    {
        if (data.Length < SllLength)
        {
            etherType = 0;
            payload = default;
            return false;
        }

        etherType = BinaryPrimitives.ReadUInt16BigEndian(data[SllProtocolOffset..]);
        payload = data[SllLength..];
        return true;
    }

    /// <summary>Reads an SLL2 header: the EtherType of the payload and the payload.</summary>
    public static bool TryReadSll2(ReadOnlySpan<byte> data, out ushort etherType, out ReadOnlySpan<byte> payload)
    {
        if (data.Length < Sll2Length)
        {
            etherType = 0;
            payload = default;
            return false;
        }

        etherType = BinaryPrimitives.ReadUInt16BigEndian(data[Sll2ProtocolOffset..]);
        payload = data[Sll2Length..];
        return true;
    }
}
