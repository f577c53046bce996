using System.Buffers.Binary;
using System.Text;

namespace Mamori.Sensor.Benchmarks;

/// <summary>
/// Writes a synthetic but protocol-correct pcap of mixed office traffic (DNS, HTTP, TLS, SSH,
/// FTP, SMB) of any size: many concurrent sessions interleaved, full TCP handshakes, data in
/// MSS-sized segments with ACKs, FIN teardown. One session in <see cref="AttackEvery"/> is instead
/// an attack burst (port scan, SYN flood, FTP password guessing, DGA look-ups, DNS tunnel, URL
/// scan, banned software, a listed C&amp;C domain, a privileged login) so the detectors work on
/// the capture too. Deterministic for a given seed.
/// </summary>
public sealed class MixedTrafficGenerator(int seed = 1)
{
    /// <summary>One session in this many is an attack burst.</summary>
    public const int AttackEvery = 100;

    /// <summary>The C&amp;C domain the attack bursts look up; <see cref="Indicators"/> lists it.</summary>
    public const string C2Domain = "update-check.c2-bench.example";

    private const int Mss = 1448;
    private const int ConcurrentSessions = 256;

    private static readonly string[] s_probePaths =
    [
        "/.env", "/.git/config", "/wp-login.php", "/phpmyadmin/", "/admin/", "/backup.zip", "/config.php.bak", "/server-status",
        "/cgi-bin/test.cgi", "/actuator/env", "/.aws/credentials", "/shell.php", "/login.action", "/HNAP1/", "/boaform/admin/formLogin",
        "/solr/admin/info/system", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/manager/html", "/console/", "/jenkins/login",
        "/owa/auth/logon.aspx", "/remote/login", "/api/v1/pods", "/debug/default/view", "/xmlrpc.php",
    ];

    /// <summary>Threat intelligence naming <see cref="C2Domain"/>, for the detection benchmarks.</summary>
    public static IReadOnlyList<Mamori.Sensor.Intel.Indicator> Indicators { get; } =
        [new(Mamori.Sensor.Intel.IndicatorKind.Domain, "c2-bench.example", Mamori.Sensor.Intel.IntelCategory.C2, "bench")];
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
        if (n % AttackEvery == AttackEvery / 2)
        {
            return Attack(n / AttackEvery);
        }

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

    /// <summary>One attack burst; the kind cycles with <paramref name="k"/>, the attacker differs per burst.</summary>
    private IEnumerable<byte[]> Attack(int k)
    {
        var attacker = new byte[] { 10, 250, (byte)(k >> 8), (byte)(1 + (k % 250)) };
        var server = new byte[] { 203, 0, 113, (byte)(200 + (k % 20)) };
        var port = (ushort)(40000 + (k % 20000));
        return (k % 9) switch
        {
            0 => PortScan(attacker, server),
            1 => SynFlood(server),
            2 => FtpGuessing(attacker, server, port),
            3 => DgaLookups(attacker, server, port),
            4 => DnsTunnel(attacker, server, port),
            5 => UrlScan(attacker, server, port),
            6 => Dns(attacker, server, port, k, $"router{k % 16}.teamviewer.com"),
            7 => Dns(attacker, server, port, k, C2Domain),
            _ => Ftp(attacker, server, port, k, "administrator"),
        };
    }

    /// <summary>A SYN to each of 40 ports, every one refused (nmap -sS against a closed host).</summary>
    private IEnumerable<byte[]> PortScan(byte[] attacker, byte[] server)
    {
        for (ushort port = 1; port <= 40; port++)
        {
            var seq = (uint)_random.Next();
            yield return Frames.Tcp(attacker, 61000, server, port, seq, 0, Frames.Syn);
            yield return Frames.Tcp(server, port, attacker, 61000, 0, seq + 1, Frames.Rst | Frames.Ack);
        }
    }

    /// <summary>300 SYNs from spoofed sources to one web server, never answered (hping3 --flood --rand-source).</summary>
    private IEnumerable<byte[]> SynFlood(byte[] server)
    {
        for (var i = 0; i < 300; i++)
        {
            var source = new byte[] { 198, 18, (byte)_random.Next(256), (byte)(1 + _random.Next(254)) };
            yield return Frames.Tcp(source, (ushort)(1024 + _random.Next(60000)), server, 80, (uint)_random.Next(), 0, Frames.Syn);
        }
    }

    /// <summary>Twelve wrong passwords for "admin" on one FTP control connection (hydra).</summary>
    private IEnumerable<byte[]> FtpGuessing(byte[] attacker, byte[] server, ushort port)
    {
        var messages = new List<(bool, byte[])> { (false, "220 ProFTPD Server ready.\r\n"u8.ToArray()) };
        for (var i = 0; i < 12; i++)
        {
            messages.Add((true, "USER admin\r\n"u8.ToArray()));
            messages.Add((false, "331 Password required\r\n"u8.ToArray()));
            messages.Add((true, Encoding.ASCII.GetBytes($"PASS guess{i}\r\n")));
            messages.Add((false, "530 Login incorrect.\r\n"u8.ToArray()));
        }

        return Tcp(attacker, server, port, 21, [.. messages]);
    }

    /// <summary>Fifteen look-ups of generated names, all NXDOMAIN (a bot searching for its C&amp;C).</summary>
    private IEnumerable<byte[]> DgaLookups(byte[] attacker, byte[] server, ushort port)
    {
        const string letters = "bcdfghjklmnpqrstvwxzaeiou";
        for (var i = 0; i < 15; i++)
        {
            var label = new char[12 + _random.Next(8)];
            for (var j = 0; j < label.Length; j++)
            {
                label[j] = letters[_random.Next(j % 3 == 2 ? letters.Length : 20)];
            }

            foreach (var frame in DnsExchange(attacker, server, (ushort)(port + i), i, new string(label) + (i % 2 == 0 ? ".com" : ".net"), 1, rcode: 3))
            {
                yield return frame;
            }
        }
    }

    /// <summary>Sixty TXT queries with long random base32 labels under one domain (iodine, dnscat2).</summary>
    private IEnumerable<byte[]> DnsTunnel(byte[] attacker, byte[] server, ushort port)
    {
        const string base32 = "abcdefghijklmnopqrstuvwxyz234567";
        for (var i = 0; i < 60; i++)
        {
            var label = new char[40];
            for (var j = 0; j < label.Length; j++)
            {
                label[j] = base32[_random.Next(base32.Length)];
            }

            foreach (var frame in DnsExchange(attacker, server, port, i, new string(label) + ".t.exfil-bench.example", 16, rcode: 0))
            {
                yield return frame;
            }
        }
    }

    /// <summary>Twenty-five probes for well-known weak paths on one keep-alive connection, each 404 (nikto).</summary>
    private IEnumerable<byte[]> UrlScan(byte[] attacker, byte[] server, ushort port)
    {
        var messages = new List<(bool, byte[])>();
        foreach (var path in s_probePaths)
        {
            messages.Add((true, Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 203.0.113.{server[3]}\r\nUser-Agent: Mozilla/5.00 (Nikto/2.1.6)\r\n\r\n")));
            messages.Add((false, "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nnot found"u8.ToArray()));
        }

        return Tcp(attacker, server, port, 80, [.. messages]);
    }

    private IEnumerable<byte[]> Dns(byte[] client, byte[] server, ushort port, int n, string? name = null) =>
        DnsExchange(client, server, port, n, name ?? $"host{n % 5000}.example{n % 37}.co.jp", 1, rcode: 0);

    private static IEnumerable<byte[]> DnsExchange(byte[] client, byte[] server, ushort port, int n, string name, byte queryType, byte rcode)
    {
        var query = new List<byte> { (byte)(n >> 8), (byte)n, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            query.Add((byte)label.Length);
            query.AddRange(Encoding.ASCII.GetBytes(label));
        }

        query.AddRange([0, 0, queryType, 0, 1]);
        yield return Frames.Udp(client, port, server, 53, [.. query]);
        var response = new List<byte>(query);
        response[2] = 0x81;
        response[3] = (byte)(0x80 | rcode);
        if (rcode == 0)
        {
            response[7] = 1;
            response.AddRange(queryType == 16
                ? [0xC0, 0x0C, 0, 16, 0, 1, 0, 0, 0, 0, 0, 5, 4, (byte)'a', (byte)'c', (byte)'k', (byte)'0']
                : [0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 198, 51, 100, (byte)n]);
        }

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

    private IEnumerable<byte[]> Ftp(byte[] client, byte[] server, ushort port, int n, string? user = null) => Tcp(client, server, port, 21,
    [
        (false, "220 ProFTPD Server ready.\r\n"u8.ToArray()),
        (true, Encoding.ASCII.GetBytes($"USER {user ?? "user" + (n % 30)}\r\n")),
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
