using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mamori.Sensor.Events;
using Xunit.Abstractions;

namespace Mamori.Sensor.Tests.Protocols.Tls;

/// <summary>
/// curl and openssl s_client against openssl s_server in a network namespace. SNI, JA3 and JA3S
/// are compared with tshark's own fields; tshark 4.0 has no JA4, so JA4 is recomputed here from
/// tshark's dissection of the same ClientHellos (cipher list, extension types, ALPN, versions,
/// signature algorithms) following the FoxIO specification.
/// </summary>
public class TlsDifferentialTests(ITestOutputHelper output)
{
    [TrafficFact("tshark", "tcpdump", "curl", "openssl", "ip")]
    public void Replay_ClientsAgainstOpensslServer_AgreesWithTshark()
    {
        string pcap = TrafficLab.Record("tls", 240);
        try
        {
            List<string[]> hellos = TrafficLab.Fields(pcap, "tls.handshake.type == 1", "tls.handshake.extensions_server_name", "tls.handshake.ja3",
                "tls.handshake.version", "tls.handshake.ciphersuite", "tls.handshake.extension.type", "tls.handshake.extensions_alpn_str",
                "tls.handshake.extensions.supported_version", "tls.handshake.sig_hash_alg");
            List<string[]> serverHellos = TrafficLab.Fields(pcap, "tls.handshake.type == 2", "tls.handshake.ja3s");
            List<TlsEvent> events = [.. TrafficLab.Replay(pcap).OfType<TlsEvent>()];

            double sni = TrafficLab.Agreement([.. hellos.Select(f => f[0])], events.Select(e => e.ServerName ?? ""), out var missingSni);
            double ja3 = TrafficLab.Agreement([.. hellos.Select(f => f[1])], events.Select(e => e.Ja3 ?? ""), out var missingJa3);
            double ja3s = TrafficLab.Agreement([.. serverHellos.Select(f => f[0])], events.Select(e => e.Ja3s ?? ""), out var missingJa3s);
            double ja4 = TrafficLab.Agreement([.. hellos.Select(Ja4FromTshark)], events.Select(e => e.Ja4 ?? ""), out var missingJa4);
            output.WriteLine($"TLS ClientHellos {hellos.Count}, events {events.Count}: SNI {sni:P2}, JA3 {ja3:P2}, JA3S {ja3s:P2}, JA4 {ja4:P2}");

            Assert.True(hellos.Count >= 200, "too few handshakes recorded: " + hellos.Count);
            Assert.True(sni >= 0.999, string.Join(", ", missingSni.Take(5)));
            Assert.True(ja3 >= 0.999, string.Join(", ", missingJa3.Take(5)));
            Assert.True(ja3s >= 0.999, string.Join(", ", missingJa3s.Take(5)));
            Assert.True(ja4 >= 0.999, string.Join(", ", missingJa4.Take(5)));
            Assert.Contains(events, e => e.Version == "TLSv1.2" && e.CertificateSubject == "CN=server.example.test,O=Mamori Test\\, Inc.,C=JP"
                && e.CertificateIssuer == e.CertificateSubject);
            Assert.Contains(events, e => e.Version == "TLSv1.3" && e.Cipher == "TLS_AES_256_GCM_SHA384" && e.Alpn.SequenceEqual(["h2", "http/1.1"]));
            TrafficLab.AssertRechunkInvariant(pcap);
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    /// <summary>JA4 per https://github.com/FoxIO-LLC/ja4/blob/main/technical_details/JA4.md, from tshark fields.</summary>
    private static string Ja4FromTshark(string[] f)
    {
        static ushort[] Values(string field) => field.Length == 0 ? [] : [.. field.Split('|').Select(Parse).Where(v => !IsGrease(v))];
        ushort[] ciphers = Values(f[3]);
        ushort[] extensions = Values(f[4]);
        ushort[] versions = Values(f[6]);
        ushort[] sigalgs = Values(f[7]);
        ushort version = versions.Length > 0 ? versions.Max() : Parse(f[2]);
        string alpn = f[5].Split('|')[0];
        string versionText = version switch { 0x0304 => "13", 0x0303 => "12", 0x0302 => "11", 0x0301 => "10", 0x0300 => "s3", _ => "00" };
        string alpnText = alpn.Length == 0 ? "00" : $"{alpn[0]}{alpn[^1]}";
        string prefix = $"t{versionText}{(extensions.Contains((ushort)0) ? 'd' : 'i')}{Math.Min(ciphers.Length, 99):D2}{Math.Min(extensions.Length, 99):D2}{alpnText}";
        string cipherText = string.Join(",", ciphers.Order().Select(v => v.ToString("x4", CultureInfo.InvariantCulture)));
        string extensionText = string.Join(",", extensions.Where(v => v is not 0 and not 0x10).Order().Select(v => v.ToString("x4", CultureInfo.InvariantCulture)));
        if (sigalgs.Length > 0)
        {
            extensionText += "_" + string.Join(",", sigalgs.Select(v => v.ToString("x4", CultureInfo.InvariantCulture)));
        }

        return $"{prefix}_{Hash12(cipherText, ciphers.Length)}_{Hash12(extensionText, extensions.Length)}";
    }

    private static string Hash12(string text, int count) =>
        count == 0 ? "000000000000" : Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text)))[..12];

    private static ushort Parse(string value) => value.StartsWith("0x", StringComparison.Ordinal)
        ? ushort.Parse(value.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        : ushort.Parse(value, CultureInfo.InvariantCulture);

    private static bool IsGrease(ushort value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);
}
