using System.Buffers.Binary;

namespace Mamori.Sensor.Protocols.Icmp;

/// <summary>An ICMP or ICMPv6 header (the two share their first eight bytes' layout).</summary>
public readonly ref struct IcmpHeader
{
    private IcmpHeader(ReadOnlySpan<byte> data)
    {
        Type = data[IcmpLayout.TypeOffset];
        Code = data[IcmpLayout.CodeOffset];
        Identifier = BinaryPrimitives.ReadUInt16BigEndian(data[IcmpLayout.IdentifierOffset..]);
        Sequence = BinaryPrimitives.ReadUInt16BigEndian(data[IcmpLayout.SequenceOffset..]);
        Payload = data[IcmpLayout.HeaderLength..];
    }

    /// <summary>Message type.</summary>
    public byte Type { get; }

    /// <summary>Message code.</summary>
    public byte Code { get; }

    /// <summary>Echo identifier (meaningful for echo messages only).</summary>
    public ushort Identifier { get; }

    /// <summary>Echo sequence number (meaningful for echo messages only).</summary>
    public ushort Sequence { get; }

    /// <summary>Bytes after the 8-byte header.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Reads the header; false when fewer than 8 bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out IcmpHeader header)
    {
        header = default;
        if (data.Length < IcmpLayout.HeaderLength)
        {
            return false;
        }

        header = new IcmpHeader(data);
        return true;
    }
}
