using System.Buffers.Binary;

namespace Mamori.Sensor.Protocols.Udp;

/// <summary>A UDP header and the payload its length field delimits.</summary>
public readonly ref struct UdpHeader
{
    private UdpHeader(ushort sourcePort, ushort destinationPort, int length, ReadOnlySpan<byte> payload, bool truncated)
    {
        SourcePort = sourcePort;
        DestinationPort = destinationPort;
        Length = length;
        Payload = payload;
        Truncated = truncated;
    }

    /// <summary>Source port.</summary>
    public ushort SourcePort { get; }

    /// <summary>Destination port.</summary>
    public ushort DestinationPort { get; }

    /// <summary>Length field (header and payload).</summary>
    public int Length { get; }

    /// <summary>Payload bytes.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>True when the capture holds fewer payload bytes than the length says.</summary>
    public bool Truncated { get; }

    /// <summary>Reads the header; false when shorter than 8 bytes or the length field is below 8 (and not 0).</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out UdpHeader header)
    {
        header = default;
        if (data.Length < UdpLayout.HeaderLength)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(data[UdpLayout.LengthOffset..]);
        if (length != 0 && length < UdpLayout.HeaderLength)
        {
            return false;
        }

        // 0 is legal for IPv6 jumbograms and common with segmentation offload: take what is there.
        var effective = length == 0 ? data.Length : length;
        var truncated = effective > data.Length;
        var end = truncated ? data.Length : effective;
        header = new UdpHeader(
            BinaryPrimitives.ReadUInt16BigEndian(data[UdpLayout.SourcePortOffset..]),
            BinaryPrimitives.ReadUInt16BigEndian(data[UdpLayout.DestinationPortOffset..]),
            length,
            data[UdpLayout.HeaderLength..end],
            truncated);
        return true;
    }
}
