using System.Buffers.Binary;
using System.Net;

namespace Mamori.Sensor.Tests.TestSupport;

/// <summary>Builds well-formed frames for tests (checksums included, so tshark is happy too).</summary>
public static class PacketBuilder
{
    public static readonly byte[] ClientMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];
    public static readonly byte[] ServerMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x02];

    public const byte Fin = 0x01;
    public const byte Syn = 0x02;
    public const byte Rst = 0x04;
    public const byte Psh = 0x08;
    public const byte Ack = 0x10;

    public static byte[] Ethernet(ushort etherType, byte[] payload, byte[]? source = null, byte[]? destination = null, params ushort[] vlans)
    {
        var frame = new byte[14 + (4 * vlans.Length) + payload.Length];
        (destination ?? ServerMac).CopyTo(frame, 0);
        (source ?? ClientMac).CopyTo(frame, 6);
        var offset = 12;
        for (var i = 0; i < vlans.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), i == 0 && vlans.Length > 1 ? (ushort)0x88A8 : (ushort)0x8100);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset + 2), vlans[i]);
            offset += 4;
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), etherType);
        payload.CopyTo(frame, offset + 2);
        return frame;
    }

    public static byte[] Ipv4(string source, string destination, byte protocol, byte[] payload, ushort identification = 1, int fragmentOffset = 0, bool moreFragments = false, bool dontFragment = true)
    {
        var packet = new byte[20 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), identification);
        var flags = (ushort)((fragmentOffset / 8) | (moreFragments ? 0x2000 : 0) | (dontFragment && !moreFragments && fragmentOffset == 0 ? 0x4000 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), flags);
        packet[8] = 64;
        packet[9] = protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(packet, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(packet, 16);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), Checksum(packet.AsSpan(0, 20), 0));
        payload.CopyTo(packet, 20);
        if (((protocol == 6 && payload.Length >= 20) || (protocol == 17 && payload.Length >= 8)) && fragmentOffset == 0 && !moreFragments)
        {
            FixTransportChecksum(packet.AsSpan(20), protocol, packet.AsSpan(12, 4), packet.AsSpan(16, 4));
        }

        return packet;
    }

    public static byte[] Ipv6(string source, string destination, byte nextHeader, byte[] payload, byte[]? extensionHeaders = null)
    {
        var extensions = extensionHeaders ?? [];
        var packet = new byte[40 + extensions.Length + payload.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)(extensions.Length + payload.Length));
        packet[6] = nextHeader;
        packet[7] = 64;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(packet, 8);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(packet, 24);
        extensions.CopyTo(packet, 40);
        payload.CopyTo(packet, 40 + extensions.Length);
        return packet;
    }

    public static byte[] Tcp(ushort sourcePort, ushort destinationPort, uint sequence, uint acknowledgment, byte flags, byte[]? payload = null, ushort window = 65535, byte[]? options = null)
    {
        var opts = options ?? [];
        var headerLength = 20 + ((opts.Length + 3) & ~3);
        var data = payload ?? [];
        var segment = new byte[headerLength + data.Length];
        BinaryPrimitives.WriteUInt16BigEndian(segment, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(4), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(8), acknowledgment);
        segment[12] = (byte)((headerLength / 4) << 4);
        segment[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(14), window);
        opts.CopyTo(segment, 20);
        data.CopyTo(segment, headerLength);
        return segment;
    }

    public static byte[] Udp(ushort sourcePort, ushort destinationPort, byte[] payload)
    {
        var datagram = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        payload.CopyTo(datagram, 8);
        return datagram;
    }

    public static byte[] Icmp(byte type, byte code, ushort identifier, ushort sequence, byte[]? payload = null)
    {
        var data = payload ?? [];
        var message = new byte[8 + data.Length];
        message[0] = type;
        message[1] = code;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), sequence);
        data.CopyTo(message, 8);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), Checksum(message, 0));
        return message;
    }

    /// <summary>An Ethernet/IPv4/TCP frame.</summary>
    public static byte[] TcpFrame(string source, ushort sourcePort, string destination, ushort destinationPort, uint sequence, uint acknowledgment, byte flags, byte[]? payload = null, ushort vlan = 0)
    {
        var ip = Ipv4(source, destination, 6, Tcp(sourcePort, destinationPort, sequence, acknowledgment, flags, payload));
        return vlan == 0 ? Ethernet(0x0800, ip) : Ethernet(0x0800, ip, null, null, vlan);
    }

    /// <summary>An Ethernet/IPv4/UDP frame.</summary>
    public static byte[] UdpFrame(string source, ushort sourcePort, string destination, ushort destinationPort, byte[] payload) =>
        Ethernet(0x0800, Ipv4(source, destination, 17, Udp(sourcePort, destinationPort, payload)));

    private static void FixTransportChecksum(Span<byte> segment, byte protocol, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        var checksumOffset = protocol == 6 ? 16 : 6;
        segment[checksumOffset] = 0;
        segment[checksumOffset + 1] = 0;
        uint sum = 0;
        for (var i = 0; i < 4; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(source[i..]);
            sum += BinaryPrimitives.ReadUInt16BigEndian(destination[i..]);
        }

        sum += protocol;
        sum += (uint)segment.Length;
        var checksum = Checksum(segment, sum);
        if (protocol == 17 && checksum == 0)
        {
            checksum = 0xFFFF;
        }

        BinaryPrimitives.WriteUInt16BigEndian(segment[checksumOffset..], checksum);
    }

    private static ushort Checksum(ReadOnlySpan<byte> data, uint initial)
    {
        var sum = initial;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
