using System.Buffers.Binary;

namespace Mamori.Sensor.Benchmarks;

/// <summary>Builds Ethernet/IPv4 frames (IP checksum set; TCP/UDP checksums left 0, as offloaded captures often have).</summary>
internal static class Frames
{
    public const byte Fin = 0x01;
    public const byte Syn = 0x02;
    public const byte Rst = 0x04;
    public const byte Psh = 0x08;
    public const byte Ack = 0x10;

    public static byte[] Tcp(byte[] source, ushort sourcePort, byte[] destination, ushort destinationPort, uint sequence, uint acknowledgment, byte flags, byte[]? payload = null)
    {
        var data = payload ?? [];
        var frame = Ipv4Frame(source, destination, 6, 20 + data.Length);
        var tcp = frame.AsSpan(34);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], acknowledgment);
        tcp[12] = 0x50;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);
        data.CopyTo(tcp[20..]);
        return frame;
    }

    public static byte[] Udp(byte[] source, ushort sourcePort, byte[] destination, ushort destinationPort, byte[] payload)
    {
        var frame = Ipv4Frame(source, destination, 17, 8 + payload.Length);
        var udp = frame.AsSpan(34);
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload.Length));
        payload.CopyTo(udp[8..]);
        return frame;
    }

    private static byte[] Ipv4Frame(byte[] source, byte[] destination, byte protocol, int transportLength)
    {
        var frame = new byte[14 + 20 + transportLength];
        frame[0] = 0x02;
        frame[5] = destination[3];
        frame[6] = 0x02;
        frame[11] = source[3];
        frame[12] = 0x08;
        var ip = frame.AsSpan(14, 20);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + transportLength));
        ip[6] = 0x40;
        ip[8] = 64;
        ip[9] = protocol;
        source.CopyTo(ip[12..]);
        destination.CopyTo(ip[16..]);
        uint sum = 0;
        for (var i = 0; i < 20; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(ip[i..]);
        }

        sum = (sum & 0xFFFF) + (sum >> 16);
        sum += sum >> 16;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], (ushort)~sum);
        return frame;
    }
}
