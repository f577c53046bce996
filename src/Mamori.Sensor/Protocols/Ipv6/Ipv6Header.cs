using System.Buffers.Binary;

namespace Mamori.Sensor.Protocols.Ipv6;

/// <summary>An IPv6 header with its extension-header chain walked to the upper-layer protocol.</summary>
public readonly ref struct Ipv6Header
{
    private Ipv6Header(ReadOnlySpan<byte> data, ExtensionChain chain, bool truncated)
    {
        HopLimit = data[Ipv6Layout.HopLimitOffset];
        Source = data.Slice(Ipv6Layout.SourceOffset, Ipv6Layout.AddressLength);
        Destination = data.Slice(Ipv6Layout.DestinationOffset, Ipv6Layout.AddressLength);
        Protocol = chain.Protocol;
        Payload = chain.Payload;
        IsFragment = chain.IsFragment;
        FragmentOffset = chain.FragmentOffset;
        MoreFragments = chain.MoreFragments;
        FragmentIdentification = chain.FragmentIdentification;
        ExtensionHeaderCount = chain.Count;
        Truncated = truncated;
    }

    /// <summary>Hop limit.</summary>
    public byte HopLimit { get; }

    /// <summary>Source address (16 bytes).</summary>
    public ReadOnlySpan<byte> Source { get; }

    /// <summary>Destination address (16 bytes).</summary>
    public ReadOnlySpan<byte> Destination { get; }

    /// <summary>Upper-layer protocol after the extension headers (or the next header after a fragment header).</summary>
    public byte Protocol { get; }

    /// <summary>Bytes after the last extension header walked.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>True when a fragment header was found; <see cref="Payload"/> is then fragment data.</summary>
    public bool IsFragment { get; }

    /// <summary>Fragment offset in bytes.</summary>
    public int FragmentOffset { get; }

    /// <summary>M flag of the fragment header.</summary>
    public bool MoreFragments { get; }

    /// <summary>Fragment identification.</summary>
    public uint FragmentIdentification { get; }

    /// <summary>Extension headers walked.</summary>
    public int ExtensionHeaderCount { get; }

    /// <summary>True when the capture holds fewer bytes than the payload length says.</summary>
    public bool Truncated { get; }

    /// <summary>Reads the header and walks its extension headers; false when malformed.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out Ipv6Header header)
    {
        header = default;
        if (data.Length < Ipv6Layout.HeaderLength || data[0] >> 4 != 6)
        {
            return false;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(data[Ipv6Layout.PayloadLengthOffset..]);

        // 0 means a jumbogram (RFC 2675) or segmentation offload: take what the capture holds.
        var available = data.Length - Ipv6Layout.HeaderLength;
        var truncated = payloadLength > available;
        var length = payloadLength == 0 || truncated ? available : payloadLength;
        if (!TryWalkExtensions(data[Ipv6Layout.NextHeaderOffset], data.Slice(Ipv6Layout.HeaderLength, length), out var chain))
        {
            return false;
        }

        header = new Ipv6Header(data, chain, truncated);
        return true;
    }

    /// <summary>
    /// Walks extension headers starting at <paramref name="nextHeader"/>, stopping at the first
    /// upper-layer protocol, at ESP, or just after a fragment header. Also used on a reassembled datagram.
    /// </summary>
    public static bool TryWalkExtensions(byte nextHeader, ReadOnlySpan<byte> data, out ExtensionChain chain)
    {
        chain = default;
        var count = 0;
        while (true)
        {
            int length;
            switch (nextHeader)
            {
                case IpProtocols.HopByHop or IpProtocols.Routing or IpProtocols.DestinationOptions or IpProtocols.Mobility:
                    if (data.Length < 8)
                    {
                        return false;
                    }

                    length = (data[1] + 1) * 8;
                    break;
                case IpProtocols.AuthenticationHeader:
                    if (data.Length < 8)
                    {
                        return false;
                    }

                    length = (data[1] + 2) * 4;
                    break;
                case IpProtocols.Fragment:
                    if (data.Length < Ipv6Layout.FragmentHeaderLength)
                    {
                        return false;
                    }

                    var field = BinaryPrimitives.ReadUInt16BigEndian(data[Ipv6Layout.FragmentOffsetFieldOffset..]);
                    chain = new ExtensionChain(
                        data[0],
                        data[Ipv6Layout.FragmentHeaderLength..],
                        count + 1,
                        true,
                        field & 0xFFF8,
                        (field & 1) != 0,
                        BinaryPrimitives.ReadUInt32BigEndian(data[Ipv6Layout.FragmentIdentificationOffset..]));
                    return true;
                default:
                    chain = new ExtensionChain(nextHeader, data, count, false, 0, false, 0);
                    return true;
            }

            if (++count > Ipv6Layout.MaxExtensionHeaders || length > data.Length)
            {
                return false;
            }

            nextHeader = data[0];
            data = data[length..];
        }
    }

    /// <summary>Where an extension-header walk ended.</summary>
    public readonly ref struct ExtensionChain
    {
        internal ExtensionChain(byte protocol, ReadOnlySpan<byte> payload, int count, bool isFragment, int fragmentOffset, bool moreFragments, uint identification)
        {
            Protocol = protocol;
            Payload = payload;
            Count = count;
            IsFragment = isFragment;
            FragmentOffset = fragmentOffset;
            MoreFragments = moreFragments;
            FragmentIdentification = identification;
        }

        /// <summary>Protocol of <see cref="Payload"/>.</summary>
        public byte Protocol { get; }

        /// <summary>Bytes after the walk.</summary>
        public ReadOnlySpan<byte> Payload { get; }

        /// <summary>Extension headers walked.</summary>
        public int Count { get; }

        /// <summary>Walk stopped after a fragment header.</summary>
        public bool IsFragment { get; }

        /// <summary>Fragment offset in bytes.</summary>
        public int FragmentOffset { get; }

        /// <summary>More fragments follow.</summary>
        public bool MoreFragments { get; }

        /// <summary>Fragment identification.</summary>
        public uint FragmentIdentification { get; }
    }
}
