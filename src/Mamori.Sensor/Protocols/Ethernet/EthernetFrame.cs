using System.Buffers.Binary;

namespace Mamori.Sensor.Protocols.Ethernet;

/// <summary>An Ethernet II frame with up to <see cref="EthernetLayout.MaxVlanTags"/> 802.1Q/802.1ad tags.</summary>
public readonly ref struct EthernetFrame
{
    private EthernetFrame(ReadOnlySpan<byte> destination, ReadOnlySpan<byte> source, ushort etherType, ushort vlan, int vlanCount, ReadOnlySpan<byte> payload)
    {
        Destination = destination;
        Source = source;
        EtherType = etherType;
        Vlan = vlan;
        VlanCount = vlanCount;
        Payload = payload;
    }

    /// <summary>Destination MAC (6 bytes).</summary>
    public ReadOnlySpan<byte> Destination { get; }

    /// <summary>Source MAC (6 bytes).</summary>
    public ReadOnlySpan<byte> Source { get; }

    /// <summary>EtherType after the VLAN tags (or an 802.3 length below 0x0600).</summary>
    public ushort EtherType { get; }

    /// <summary>VLAN id of the outermost tag; meaningful when <see cref="VlanCount"/> &gt; 0.</summary>
    public ushort Vlan { get; }

    /// <summary>Number of VLAN tags (2 for QinQ).</summary>
    public int VlanCount { get; }

    /// <summary>Bytes after the last tag.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Reads the header and tags; false when the frame is too short for them or has too many tags.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out EthernetFrame frame)
    {
        frame = default;
        if (data.Length < EthernetLayout.HeaderLength)
        {
            return false;
        }

        var offset = EthernetLayout.EtherTypeOffset;
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
        ushort vlan = 0;
        var count = 0;
        while (etherType is EtherTypes.Vlan or EtherTypes.QinQ or EtherTypes.QinQLegacy)
        {
            if (count == EthernetLayout.MaxVlanTags || (uint)(offset + 2 + EthernetLayout.VlanTagLength) > (uint)data.Length)
            {
                return false;
            }

            if (count == 0)
            {
                vlan = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]) & 0x0FFF);
            }

            count++;
            offset += EthernetLayout.VlanTagLength;
            etherType = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
        }

        frame = new EthernetFrame(
            data.Slice(EthernetLayout.DestinationOffset, EthernetLayout.AddressLength),
            data.Slice(EthernetLayout.SourceOffset, EthernetLayout.AddressLength),
            etherType,
            vlan,
            count,
            data[(offset + 2)..]);
        return true;
    }
}
