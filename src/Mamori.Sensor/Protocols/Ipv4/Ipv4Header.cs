using System.Buffers.Binary;

namespace Mamori.Sensor.Protocols.Ipv4;

/// <summary>An IPv4 header and the payload its total length delimits (Ethernet padding excluded).</summary>
public readonly ref struct Ipv4Header
{
    private Ipv4Header(ReadOnlySpan<byte> data, int headerLength, int totalLength, ReadOnlySpan<byte> payload, bool truncated)
    {
        HeaderLength = headerLength;
        TotalLength = totalLength;
        Identification = BinaryPrimitives.ReadUInt16BigEndian(data[Ipv4Layout.IdentificationOffset..]);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(data[Ipv4Layout.FlagsAndFragmentOffset..]);
        MoreFragments = (flags & Ipv4Layout.MoreFragmentsFlag) != 0;
        DontFragment = (flags & Ipv4Layout.DontFragmentFlag) != 0;
        FragmentOffset = (flags & Ipv4Layout.FragmentOffsetMask) * 8;
        TimeToLive = data[Ipv4Layout.TimeToLiveOffset];
        Protocol = data[Ipv4Layout.ProtocolOffset];
        Source = data.Slice(Ipv4Layout.SourceOffset, Ipv4Layout.AddressLength);
        Destination = data.Slice(Ipv4Layout.DestinationOffset, Ipv4Layout.AddressLength);
        Payload = payload;
        Truncated = truncated;
    }

    /// <summary>Header length in bytes (20 to 60).</summary>
    public int HeaderLength { get; }

    /// <summary>Total length field (header and payload).</summary>
    public int TotalLength { get; }

    /// <summary>Identification (fragments of one datagram share it).</summary>
    public ushort Identification { get; }

    /// <summary>MF flag.</summary>
    public bool MoreFragments { get; }

    /// <summary>DF flag.</summary>
    public bool DontFragment { get; }

    /// <summary>Fragment offset in bytes.</summary>
    public int FragmentOffset { get; }

    /// <summary>True when this packet is one fragment of a larger datagram.</summary>
    public bool IsFragment => MoreFragments || FragmentOffset != 0;

    /// <summary>Time to live.</summary>
    public byte TimeToLive { get; }

    /// <summary>Upper-layer protocol number.</summary>
    public byte Protocol { get; }

    /// <summary>Source address (4 bytes, network order).</summary>
    public ReadOnlySpan<byte> Source { get; }

    /// <summary>Destination address (4 bytes, network order).</summary>
    public ReadOnlySpan<byte> Destination { get; }

    /// <summary>Payload bytes, cut at the total length.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>True when the capture holds fewer bytes than the total length says (snap length).</summary>
    public bool Truncated { get; }

    /// <summary>Reads the header; false when not IPv4 or when the header itself is incomplete or inconsistent.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out Ipv4Header header)
    {
        header = default;
        if (data.Length < Ipv4Layout.MinHeaderLength)
        {
            return false;
        }

        var versionAndLength = data[Ipv4Layout.VersionAndHeaderLengthOffset];
        var headerLength = (versionAndLength & 0x0F) * 4;
        if (versionAndLength >> 4 != 4 || headerLength < Ipv4Layout.MinHeaderLength || headerLength > data.Length)
        {
            return false;
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(data[Ipv4Layout.TotalLengthOffset..]);

        // Captures taken with segmentation offload carry 0 here; take what the capture holds.
        var effective = totalLength == 0 ? data.Length : totalLength;
        if (effective < headerLength)
        {
            return false;
        }

        var truncated = effective > data.Length;
        var end = truncated ? data.Length : effective;
        header = new Ipv4Header(data, headerLength, totalLength, data[headerLength..end], truncated);
        return true;
    }
}
