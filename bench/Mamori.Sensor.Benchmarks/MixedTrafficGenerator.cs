using System.Buffers.Binary;
using System.Text;

namespace Mamori.Sensor.Benchmarks;

/// <summary>
/// Writes a synthetic but protocol-correct pcap of mixed office traffic (DNS, HTTP, TLS, SSH,
/// FTP, SMB) of any size: many concurrent sessions interleaved, full TCP handshakes, data in
/// MSS-sized segments with ACKs, FIN teardown. Deterministic for a given seed.
/// </summary>
public sealed class MixedTrafficGenerator(int seed = 1)
{
    private const int Mss = 1448;
    private const int ConcurrentSessions = 256;
    private readonly Random _random = new(seed);
    private long _ticks = 639_029_664_000_000_000; // 2026-01-01
    private int _session;

    public long Packets { get; private set; }

    public long Sessions => _session;

    /// <summary>Writes sessions until the file reaches <paramref name="targetBytes"/>.</summary>
    public void Write(Stream stream, long targetBytes)
    {
        var header = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 262_144);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1);
        stream.Write(header);
        long written = header.Length;
        var active = new List<IEnumerator<byte[]>>();
        var record = new byte[16];
        while (written < targetBytes || active.Count > 0)
        {
            while (written < targetBytes && active.Count < ConcurrentSessions)
            {
                active.Add(NextSession().GetEnumerator());
            }

            var index = _random.Next(active.Count);
            if (!active[index].MoveNext())
            {
                active[index].Dispose();
                active[index] = active[^1];
                active.RemoveAt(active.Count - 1);
                continue;
            }

            var frame = active[index].Current;
            _ticks += 20 + _random.Next(60);
            var sinceEpoch = _ticks - 621_355_968_000_000_000;
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(sinceEpoch / TimeSpan.TicksPerSecond));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)(sinceEpoch % TimeSpan.TicksPerSecond / 10));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), (uint)frame.Length);
            stream.Write(record);
            stream.Write(frame);
            written += record.Length + frame.Length;
            Packets++;
        }
    }

    private IEnumerable<byte[]> NextSession()
    {
        var n = ++_session;
        var client = new byte[] { 10, (byte)(n >> 16), (byte)(n >> 8), (byte)(1 + (n % 250)) };
        var server = new byte[] { 203, 0, 113, (byte)(1 + (n % 50)) };
        var port = (ushort)(32768 + (n % 28000));
        return (n % 10) switch
        {
            0 or 1 or 2 => Dns(client, server, port, n),
            3 or 4 => Http(client, server, port, n),
            5 or 6 => Tls(client, server, port, n),
            7 => Ssh(client, server, port),
            8 => Ftp(client, server, port, n),
            _ => Smb(client, server, port),
        };
    }

    private IEnumerable<byte[]> Dns(byte[] client, byte[] server, ushort port, int n)
    {
        var name = $"host{n % 5000}.example{n % 37}.co.jp";
        var query = new List<byte> { (byte)(n >> 8), (byte)n, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            query.Add((byte)label.Length);
            query.AddRange(Encoding.ASCII.GetBytes(label));
        }

        query.AddRange([0, 0, 1, 0, 1]);
        yield return Frames.Udp(client, port, server, 53, [.. query]);
        var response = new List<byte>(query);
        response[2] = 0x81;
        response[3] = 0x80;
        response[7] = 1;
        response.AddRange([0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 198, 51, 100, (byte)n]);
        yield return Frames.Udp(server, 53, client, port, [.. response]);
    }

    private IEnumerable<byte[]> Http(byte[] client, byte[] server, ushort port, int n)
    {
        var body = 2_000 + _random.Next(60_000);
        var request = Encoding.ASCII.GetBytes($"GET /app/items/{n}?page={n % 7} HTTP/1.1\r\nHost: intranet{n % 20}.example.co.jp\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36\r\nAccept: text/html\r\nAccept-Language: ja,en;q=0.8\r\nCookie: session=abcdef{n}\r\n\r\n");
        var headers = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body}\r\nServer: nginx\r\n\r\n");
        var response = new byte[headers.Length + body];
        headers.CopyTo(response, 0);
        Array.Fill(response, (byte)'x', headers.Length, body);
        return Tcp(client, server, port, 80, [(true, request), (false, response)]);
    }

    private IEnumerable<byte[]> Tls(byte[] client, byte[] server, ushort port, int n)
    {
        var hello = ClientHello($"www{n % 50}.service{n % 11}.example.com");
        var serverFlight = Random(3_000);
        serverFlight[0] = 0x16;
        serverFlight[1] = 3;
        serverFlight[2] = 3;
        var upload = Random(500 + _random.Next(2_000));
        var download = Random(5_000 + _random.Next(120_000));
        upload[0] = download[0] = 0x17;
        return Tcp(client, server, port, 443, [(true, hello), (false, serverFlight), (true, upload), (false, download)]);
    }

    private IEnumerable<byte[]> Ssh(byte[] client, byte[] server, ushort port) => Tcp(client, server, port, 22,
    [
        (false, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"u8.ToArray()),
        (true, "SSH-2.0-OpenSSH_9.6\r\n"u8.ToArray()),
        (true, Random(1_500)),
        (false, Random(1_100)),
        (true, Random(100)),
        (false, Random(60)),
        (true, Random(20_000)),
        (false, Random(40_000)),
    ]);

    private IEnumerable<byte[]> Ftp(byte[] client, byte[] server, ushort port, int n) => Tcp(client, server, port, 21,
    [
        (false, "220 ProFTPD Server ready.\r\n"u8.ToArray()),
        (true, Encoding.ASCII.GetBytes($"USER user{n % 30}\r\n")),
        (false, "331 Password required\r\n"u8.ToArray()),
        (true, "PASS not-a-real-password\r\n"u8.ToArray()),
        (false, (n % 4 == 0 ? "530 Login incorrect.\r\n"u8 : "230 User logged in.\r\n"u8).ToArray()),
        (true, "QUIT\r\n"u8.ToArray()),
        (false, "221 Goodbye.\r\n"u8.ToArray()),
    ]);

    private IEnumerable<byte[]> Smb(byte[] client, byte[] server, ushort port)
    {
        var negotiate = new byte[4 + 64 + 36];
        negotiate[3] = (byte)(negotiate.Length - 4);
        negotiate[4] = 0xFE;
        "SMB"u8.CopyTo(negotiate.AsSpan(5));
        negotiate[8] = 64;
        return Tcp(client, server, port, 445, [(true, negotiate), (false, Random(300)), (true, Random(800)), (false, Random(30_000 + _random.Next(60_000)))]);
    }

    private IEnumerable<byte[]> Tcp(byte[] client, byte[] server, ushort clientPort, ushort serverPort, (bool FromClient, byte[] Data)[] messages)
    {
        uint clientSeq = (uint)_random.Next();
        uint serverSeq = (uint)_random.Next();
        yield return Frames.Tcp(client, clientPort, server, serverPort, clientSeq++, 0, Frames.Syn);
        yield return Frames.Tcp(server, serverPort, client, clientPort, serverSeq++, clientSeq, Frames.Syn | Frames.Ack);
        yield return Frames.Tcp(client, clientPort, server, serverPort, clientSeq, serverSeq, Frames.Ack);
        foreach (var (fromClient, data) in messages)
        {
            var segments = 0;
            for (var offset = 0; offset < data.Length; offset += Mss)
            {
                var chunk = data.AsSpan(offset, Math.Min(Mss, data.Length - offset)).ToArray();
                if (fromClient)
                {
                    yield return Frames.Tcp(client, clientPort, server, serverPort, clientSeq, serverSeq, Frames.Ack | Frames.Psh, chunk);
                    clientSeq += (uint)chunk.Length;
                }
                else
                {
                    yield return Frames.Tcp(server, serverPort, client, clientPort, serverSeq, clientSeq, Frames.Ack | Frames.Psh, chunk);
                    serverSeq += (uint)chunk.Length;
                }

                if (++segments % 2 == 0 || offset + Mss >= data.Length)
                {
                    yield return fromClient
                        ? Frames.Tcp(server, serverPort, client, clientPort, serverSeq, clientSeq, Frames.Ack)
                        : Frames.Tcp(client, clientPort, server, serverPort, clientSeq, serverSeq, Frames.Ack);
                }
            }
        }

        yield return Frames.Tcp(client, clientPort, server, serverPort, clientSeq++, serverSeq, Frames.Ack | Frames.Fin);
        yield return Frames.Tcp(server, serverPort, client, clientPort, serverSeq++, clientSeq, Frames.Ack | Frames.Fin);
        yield return Frames.Tcp(client, clientPort, server, serverPort, clientSeq, serverSeq, Frames.Ack);
    }

    private byte[] Random(int length)
    {
        var data = new byte[length];
        _random.NextBytes(data);
        return data;
    }

    /// <summary>A TLS 1.3-style ClientHello with SNI, ALPN, supported versions, groups and key share.</summary>
    private byte[] ClientHello(string serverName)
    {
        var extensions = new List<byte>();
        void Extension(ushort type, byte[] body)
        {
            extensions.AddRange([(byte)(type >> 8), (byte)type, (byte)(body.Length >> 8), (byte)body.Length]);
            extensions.AddRange(body);
        }

        var name = Encoding.ASCII.GetBytes(serverName);
        Extension(0, [(byte)((name.Length + 3) >> 8), (byte)(name.Length + 3), 0, (byte)(name.Length >> 8), (byte)name.Length, .. name]);
        Extension(10, [0, 6, 0, 0x1D, 0, 0x17, 0, 0x18]);
        Extension(11, [1, 0]);
        Extension(13, [0, 8, 4, 3, 8, 4, 4, 1, 5, 3]);
        Extension(16, [0, 12, 2, (byte)'h', (byte)'2', 8, .. "http/1.1"u8]);
        Extension(43, [4, 3, 4, 3, 3]);
        Extension(51, [0, 38, 0, 0x1D, 0, 32, .. Random(32)]);
        byte[] ciphers = [0x13, 0x01, 0x13, 0x02, 0x13, 0x03, 0xC0, 0x2B, 0xC0, 0x2F, 0xC0, 0x2C, 0xC0, 0x30, 0xCC, 0xA9, 0xCC, 0xA8];
        var body = new List<byte> { 3, 3 };
        body.AddRange(Random(32));
        body.Add(32);
        body.AddRange(Random(32));
        body.AddRange([0, (byte)ciphers.Length]);
        body.AddRange(ciphers);
        body.AddRange([1, 0]);
        body.AddRange([(byte)(extensions.Count >> 8), (byte)extensions.Count]);
        body.AddRange(extensions);
        var handshake = new List<byte> { 1, 0, (byte)(body.Count >> 8), (byte)body.Count };
        handshake.AddRange(body);
        var record = new List<byte> { 0x16, 3, 1, (byte)(handshake.Count >> 8), (byte)handshake.Count };
        record.AddRange(handshake);
        return [.. record];
    }
}
