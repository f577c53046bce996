using System.Buffers.Binary;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Tls;

namespace Mamori.Sensor.Tests.Protocols.Tls;

public class TlsParserTests
{
    // openssl s_client 3.0 (-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA -servername
    // sni3.example.test) against openssl s_server with a self-signed certificate made for the
    // run, recorded on loopback: ClientHello, then ServerHello, Certificate, ServerKeyExchange, ServerHelloDone.
    private static readonly byte[] s_clientHello = Convert.FromHexString(
        "160301009f0100009b0303e4616d4b073cfb3dbd59af423a3fafbe1ac72e0247feb767560904e2c72b1ce3000006c02f003500ff0100006c00000016"
        + "0014000011736e69332e6578616d706c652e74657374000b000403000102000a000c000a001d0017001e00190018002300000016000000170000000d"
        + "002a0028040305030603080708080809080a080b080408050806040105010601030303010302040205020602");

    private static readonly byte[] s_serverFlight = Convert.FromHexString(
        "16030300410200003d030389f4f60b843dcb056b198e8e059ea5c7f663312c3b407617444f574e4752440100c02f000015ff01000100000b00040300"
        + "01020023000000170000160303037d0b0003790003760003733082036f30820257a00302010202140d150eb4bf9170dc37a9e7a1ea77e2afe881286b"
        + "300d06092a864886f70d01010b05003047310b3009060355040613024a50311a3018060355040a0c114d616d6f726920546573742c20496e632e311c"
        + "301a06035504030c137365727665722e6578616d706c652e74657374301e170d3236313132323032323233395a170d3236313132343032323233395a"
        + "3047310b3009060355040613024a50311a3018060355040a0c114d616d6f726920546573742c20496e632e311c301a06035504030c13736572766572"
        + "2e6578616d706c652e7465737430820122300d06092a864886f70d01010105000382010f003082010a0282010100efc4ba6bc00a371831a9b453c6b2"
        + "daa5aaf94cb1dcc5e83296c532622dd78cba1f6795d0db209f13ef375bfee5fe07619f8496cad0453696b11d01f5657996f782f67f3d1373b716c3f1"
        + "4a1fa883a77be84992a50b972739906b93259a8c7db187afe04312802922b46933b19744beb650c7d99baeefea57aca2f4e637aec9b9a9a6007fe50b"
        + "b0d5ca9e19dcf848db6109114c006c6e1aad97ca390eff998a2c9c0140d42ce9962fd94d9818ceef6ce95002235a83cffcf730ffd3498992f3a687cc"
        + "68d675b48109376102061d7fbc1cd55f3eea0b1eeb4d0c4acabb6886aeef13e1921024326bf772d0aa9b27310e36c5b17ce55c2bd73132c83f09203c"
        + "b8c90203010001a3533051301d0603551d0e04160414e0eb596a0add5f5d099e6e23d5509aea33863e05301f0603551d23041830168014e0eb596a0a"
        + "dd5f5d099e6e23d5509aea33863e05300f0603551d130101ff040530030101ff300d06092a864886f70d01010b050003820101002dc84483809cae79"
        + "b6363e91817ea0cae408af6770477b8021ac262367fb53b154874d78b1b22948468bf302e414b8bb65d478782fcfbf90c657b4b548a739cc5dd4bc33"
        + "5f13733d92f01eb73f817fc092a7cbe51be9f0fa94e580441430831854e75e2d86b88a4004264cd08fd9b8ce3d607878ce493a595fb0a26aee7b386c"
        + "04f2761d46a6fe0b88f7873a8fb48db5dd383db2d6535572a09c8ccdd223da0132499c0298db4af5e2efbb9869ea9ee6b3536c3e6eaff3e11202559c"
        + "a1448b7151701af9bf460b995c39074913e94939102ca97a97d2c5fb4f7c08a732ce5125a42cb2dfc588c3f6dbc5f0498490ecf2677ba6402c3c0797"
        + "c321637ed8df2ea9160303012c0c00012803001d2048cad8077fd6c57aa73512d586c236bda237395c9e4e38dee690bce34810b00408040100b68ed3"
        + "4735e47979fe16f925b78b4caf7a1aa32b03346068d36b8e37197289d77e1b32505f165a919440aa0686c654579067bd2cd51de0e8a7bd1c9306a0de"
        + "0dfba076cf4ae8cd1a712680bc697425c3476efe1d0c1a7b55200d56a11341e7e3f685b1d496d23ce47e5d473a279b52116cf7a02856dcddd6b36911"
        + "b2c87d65b531b58297b957d3e16c293ed2b3e83fb42145dac9d67d821952be872d966f05049bc17e44561e579dfb27376b93432c215d5ffeb6cfc282"
        + "b59f8c1a3a5d1e89cb0a5fc27319f3090986351a6eb0af5532f7e93f6a4d34925163def4ea5da1cfbf650402f35fae3dfe929c8ee1538b3b8b2859ba"
        + "eb61051b9a0a77ac0b9503423e16030300040e000000");

    [Fact]
    public void OnData_Tls12Handshake_ReportsHelloFieldsAndCertificate()
    {
        TlsEvent tls = Assert.IsType<TlsEvent>(Assert.Single(ProtocolTestKit.RunStream(() => new TlsParser(),
            [Segment.Client(s_clientHello), Segment.Server(s_serverFlight)])));
        Assert.Equal(("sni3.example.test", "TLSv1.2", "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), (tls.ServerName, tls.ClientVersion, tls.Version, tls.Cipher));
        // tshark 4.0 printed the same JA3 and JA3S for this capture.
        Assert.Equal(("314e5394c117781d8f69106680be6eb9", "1af33e1657631357c73119488045302c"), (tls.Ja3, tls.Ja3s));
        Assert.StartsWith("t12d", tls.Ja4, StringComparison.Ordinal);
        Assert.Equal("CN=server.example.test,O=Mamori Test\\, Inc.,C=JP", tls.CertificateSubject);
        Assert.Equal(tls.CertificateSubject, tls.CertificateIssuer);
    }

    [Fact]
    public void OnData_RecordsFragmentedAnywhere_SameEvent()
    {
        Segment[] segments = [Segment.Client(s_clientHello), Segment.Server(s_serverFlight)];
        StreamParserChecks.AssertSplitInvariant(() => new TlsParser(), segments);
        StreamParserChecks.AssertTruncationsAreSafe(() => new TlsParser(), segments);
        StreamParserChecks.AssertGarbageIsSafe(() => new TlsParser(), segments);
    }

    [Fact]
    public void OnData_HandshakeSplitAcrossRecords_SameEvent()
    {
        // Re-frame the ClientHello handshake message into 7-byte TLS records (RFC 8446 §5.1 allows any fragmentation).
        byte[] handshake = s_clientHello[5..];
        var records = new List<byte>();
        for (int i = 0; i < handshake.Length; i += 7)
        {
            int length = Math.Min(7, handshake.Length - i);
            records.AddRange([0x16, 0x03, 0x01, 0x00, (byte)length]);
            records.AddRange(handshake.AsSpan(i, length).ToArray());
        }

        TlsEvent whole = Assert.IsType<TlsEvent>(Assert.Single(ProtocolTestKit.RunStream(() => new TlsParser(), [Segment.Client(s_clientHello)])));
        TlsEvent fragmented = Assert.IsType<TlsEvent>(Assert.Single(ProtocolTestKit.RunStream(() => new TlsParser(), [Segment.Client([.. records])])));
        Assert.Equal((whole.Ja3, whole.Ja4, whole.ServerName), (fragmented.Ja3, fragmented.Ja4, fragmented.ServerName));
    }

    [Fact]
    public void TryReadClientHello_FoxIoExample_MatchesPublishedJa4()
    {
        // The ja4_r raw lists published with t13d1516h2_8daaf6152771_d8a2da3f94cd (a Chrome hello);
        // GREASE values are added to check they are ignored.
        ushort[] ciphers = [0x0a0a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035];
        ushort[] extensions = [0x1a1a, 0x0000, 0x0005, 0x000a, 0x000b, 0x000d, 0x0010, 0x0012, 0x0017, 0x001b, 0x0023, 0x002b, 0x002d, 0x0033, 0x44cd, 0xfe0d, 0xff01];
        ushort[] sigalgs = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601];
        byte[] body = BuildClientHello(ciphers, extensions, sigalgs);

        Assert.True(TlsHelloReader.TryReadClientHello(body, out TlsClientHello? hello));
        Assert.Equal("t13d1516h2_8daaf6152771_d8a2da3f94cd", hello!.Ja4);
        Assert.Equal("TLSv1.3", hello.ClientVersion);
        Assert.Equal(["h2", "http/1.1"], hello.Alpn);
    }

    [Fact]
    public void TryReadClientHello_EveryTruncation_NeverReportsHalfReadFields()
    {
        ReadOnlySpan<byte> body = s_clientHello.AsSpan(9);
        Assert.True(TlsHelloReader.TryReadClientHello(body, out _));
        for (int length = 0; length < body.Length; length++)
        {
            // A cut inside a vector fails its length check; a cut right before the (optional)
            // extensions is a valid hello without them. Nothing half-read is ever reported.
            if (TlsHelloReader.TryReadClientHello(body[..length], out TlsClientHello? hello))
            {
                Assert.Null(hello!.ServerName);
                Assert.Empty(hello.Alpn);
            }
        }
    }

    private static byte[] BuildClientHello(ushort[] ciphers, ushort[] extensions, ushort[] sigalgs)
    {
        var body = new List<byte> { 0x03, 0x03 };
        body.AddRange(new byte[32]);
        body.Add(0);
        AddVector16(body, [.. ciphers.SelectMany(Be)]);
        body.AddRange([1, 0]);
        var block = new List<byte>();
        foreach (ushort type in extensions)
        {
            byte[] data = type switch
            {
                0x0000 => [0, 14, 0, 0, 11, .. "example.com"u8],
                0x0010 => [0, 12, 2, (byte)'h', (byte)'2', 8, .. "http/1.1"u8],
                0x002b => [4, 0x3a, 0x3a, 0x03, 0x04],
                0x000d => [.. Be((ushort)(sigalgs.Length * 2)), .. sigalgs.SelectMany(Be)],
                _ => [],
            };
            block.AddRange(Be(type));
            block.AddRange(Be((ushort)data.Length));
            block.AddRange(data);
        }

        AddVector16(body, [.. block]);
        return [.. body];
    }

    private static void AddVector16(List<byte> target, byte[] data)
    {
        target.AddRange(Be((ushort)data.Length));
        target.AddRange(data);
    }

    private static byte[] Be(ushort value)
    {
        byte[] bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }
}
