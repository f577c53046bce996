using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mamori.Lab;
using Mamori.Sensor.Events;
using Mamori.Sensor.Inputs;
using Mamori.Sensor.Pipeline;
using Xunit.Abstractions;

namespace Mamori.Sensor.Tests.Lab;

/// <summary>
/// Issue #3: the whole traffic engine (capture reader, decoders, flow table, TCP reassembly,
/// parsers) against tshark on every lab capture, recorded from real programs. Per field, agreement is
/// the share of values both sides report (as multisets) over the larger side's count. Debian's
/// tshark 4.0 has no JA4 field, so JA4 is computed here from tshark's dissection of each
/// ClientHello, following https://github.com/FoxIO-LLC/ja4/blob/main/technical_details/JA4.md.
/// </summary>
public class TsharkDifferentialTests(ITestOutputHelper output)
{
    private const double Required = 0.999;

    [LabFact("banned-client", "benign-mix", "bruteforce-ftp", "bruteforce-http-basic", "bruteforce-kerberos", "bruteforce-pop3", "bruteforce-ssh",
        "cleartext-logins", "dga-lookups", "dhcp", "dns-basic", "dns-tunnel", "ftp-login", "http-basic", "intel-hits",
        "kerberos-login", "mail-login", "netbios-ns", "password-spray", "portscan", "smb-lateral", "smb-ntlm", "ssh-login", "synflood", "telnet-login", "tls-basic", "url-scan",
        Tools = ["tshark:tshark"])]
    public void Extract_AllLabCaptures_AgreesWithTsharkPerField()
    {
        var fields = new Dictionary<string, (List<string> Tshark, List<string> Mamori)>(StringComparer.Ordinal);
        void Add(string field, IEnumerable<string> tshark, IEnumerable<string> mamori)
        {
            if (!fields.TryGetValue(field, out var lists))
            {
                fields[field] = lists = ([], []);
            }

            lists.Tshark.AddRange(tshark);
            lists.Mamori.AddRange(mamori);
        }

        foreach (var scenario in LabEnvironment.ScenarioNames())
        {
            var pcap = LabCaptures.Get(scenario).PcapPath;
            var events = Extract(pcap);

            Add("DNS query name", QueryNames(pcap, "dns.flags.response == 0 && (udp.port == 53 || tcp.port == 53) && !icmp"),
                events.OfType<DnsEvent>().Where(e => e.Flow?.Responder.Port == 53).Select(e => e.Query.TrimEnd('.')));

            var http = Tshark.Fields(pcap, "http.request", "http.host", "http.request.uri", "http.user_agent");
            var httpEvents = events.OfType<HttpEvent>().ToList();
            Add("HTTP host", http.Select(f => f[0]), httpEvents.Select(e => e.Host ?? ""));
            Add("HTTP URI", http.Select(f => f[1]), httpEvents.Select(e => e.Uri));
            Add("HTTP user agent", http.Select(f => f[2]), httpEvents.Select(e => e.UserAgent ?? ""));

            var hellos = Tshark.Fields(pcap, "tls.handshake.type == 1", "tls.handshake.extensions_server_name", "tls.handshake.ja3",
                "tls.handshake.version", "tls.handshake.ciphersuite", "tls.handshake.extension.type", "tls.handshake.extensions_alpn_str",
                "tls.handshake.extensions.supported_version", "tls.handshake.sig_hash_alg");
            var clientHellos = events.OfType<TlsEvent>().Where(e => e.Ja3 is not null).ToList();
            Add("TLS SNI", hellos.Select(f => f[0]), clientHellos.Select(e => e.ServerName ?? ""));
            Add("TLS JA3", hellos.Select(f => f[1]), clientHellos.Select(e => e.Ja3 ?? ""));
            Add("TLS JA4", hellos.Select(Ja4), clientHellos.Select(e => e.Ja4 ?? ""));

            var dhcp = Tshark.Fields(pcap, "dhcp.option.hostname", "dhcp.option.hostname");
            Add("DHCP hostname", dhcp.Select(f => f[0]), events.OfType<DhcpEvent>().Where(e => e.HostName is not null).Select(e => e.HostName!));

            // SMB2 CREATEs that write or create a file on a disk share (not IPC$ pipes, not directories).
            var smbWrites = Tshark.Fields(pcap, "smb2.cmd == 5 && smb2.flags.response == 0 && smb2.share_type == 0x01 && smb.nt.create_options.directory == 0"
                + " && (smb.access.write == 1 || smb.access.append == 1 || smb.access.generic_write == 1 || smb.access.generic_all == 1"
                + " || (smb2.create.disposition != 1 && smb2.create.disposition != 3))", "smb2.tree", "smb2.filename");
            Add("SMB file written", smbWrites.Select(f => f[0] + "|" + f[1]), events.OfType<SmbFileEvent>().Select(e => e.Path + "|" + e.Name));

            var connections = events.OfType<ConnectionEvent>().ToList();
            Add("TCP flows", Streams(pcap, "tcp"), connections.Where(c => c.Flow?.Protocol == 6).Select(c => "flow"));
            Add("UDP flows", Streams(pcap, "udp"), connections.Where(c => c.Flow?.Protocol == 17).Select(c => "flow"));
        }

        var failures = new List<string>();
        output.WriteLine($"{"Field",-16} {"tshark",8} {"Mamori",8} {"agree",8}  agreement");
        foreach (var (field, (tshark, mamori)) in fields)
        {
            var agreement = Agreement(tshark, mamori, out var common, out var differences);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{field,-16} {tshark.Count,8} {mamori.Count,8} {common,8}  {agreement:P2}"));
            if (tshark.Count == 0 || agreement < Required)
            {
                failures.Add($"{field}: {agreement:P2} over {tshark.Count} values; e.g. {string.Join(" | ", differences.Take(5))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static List<MetadataEvent> Extract(string pcap)
    {
        var errors = new List<InputError>();
        var events = new SensorPipeline().ReadFile(pcap, errors).ToList();
        Assert.Empty(errors);
        return events;
    }

    /// <summary>
    /// Query names as tshark read them off the wire (<c>dns.qry.name_raw</c>), in RFC 4343 presentation
    /// form: tshark's own text for binary labels (DNS tunnels) is lossy, the wire bytes are not.
    /// </summary>
    private static List<string> QueryNames(string pcap, string filter)
    {
        var info = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-n", "-r", pcap, "-Y", filter, "-T", "json", "-x", "-J", "dns" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var json = JsonDocument.Parse(process.StandardOutput.BaseStream);
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "tshark did not finish");
        Assert.True(process.ExitCode == 0, $"tshark failed: {stderr.GetAwaiter().GetResult()}");
        var names = new List<string>();
        foreach (var packet in json.RootElement.EnumerateArray())
        {
            var raw = FindRaw(packet, "dns.qry.name_raw");
            if (raw is not null)
            {
                names.Add(Presentation(Convert.FromHexString(raw)));
            }
        }

        return names;
    }

    private static string? FindRaw(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == name && property.Value.ValueKind == JsonValueKind.Array)
                {
                    return property.Value[0].GetString();
                }

                if (FindRaw(property.Value, name) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    /// <summary>Wire-format name to text: dots between labels; '.', '\\', spaces, controls and bytes above 0x7E escaped.</summary>
    private static string Presentation(byte[] wire)
    {
        var text = new StringBuilder();
        for (var i = 0; i < wire.Length && wire[i] != 0 && (wire[i] & 0xC0) == 0;)
        {
            int length = wire[i++];
            if (text.Length > 0)
            {
                text.Append('.');
            }

            foreach (var b in wire.AsSpan(i, Math.Min(length, wire.Length - i)))
            {
                if (b is (byte)'.' or (byte)'\\')
                {
                    text.Append('\\').Append((char)b);
                }
                else if (b <= 0x20 || b >= 0x7F)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\\{b:D3}");
                }
                else
                {
                    text.Append((char)b);
                }
            }

            i += length;
        }

        return text.ToString();
    }

    /// <summary>One "flow" per TCP or UDP stream tshark numbers (ICMP errors quote headers; they are not flows).</summary>
    private static IEnumerable<string> Streams(string pcap, string protocol) =>
        Tshark.Fields(pcap, $"{protocol} && !icmp", protocol + ".stream").Select(f => f[0]).Distinct().Select(_ => "flow");

    /// <summary>Multiset agreement: values both report over the larger count; differences as "+only Mamori" / "-only tshark".</summary>
    private static double Agreement(List<string> tshark, List<string> mamori, out int common, out List<string> differences)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in tshark)
        {
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        common = 0;
        differences = [];
        foreach (var value in mamori)
        {
            if (counts.GetValueOrDefault(value) > 0)
            {
                counts[value]--;
                common++;
            }
            else
            {
                differences.Add("+" + value);
            }
        }

        differences.AddRange(counts.Where(c => c.Value > 0).Select(c => "-" + c.Key));
        var larger = Math.Max(tshark.Count, mamori.Count);
        return larger == 0 ? 1 : (double)common / larger;
    }

    /// <summary>JA4 (TCP) from tshark's ClientHello fields: [sni, ja3, version, ciphers, extensions, alpn, supported versions, signature algorithms].</summary>
    private static string Ja4(string[] hello)
    {
        var ciphers = Numbers(hello[3]);
        var extensions = Numbers(hello[4]);
        var supported = Numbers(hello[6]);
        var signatures = Numbers(hello[7]);
        var version = supported.Count > 0 ? supported.Max() : Numbers(hello[2]).FirstOrDefault();
        var versionText = version switch { 0x0304 => "13", 0x0303 => "12", 0x0302 => "11", 0x0301 => "10", 0x0300 => "s3", _ => "00" };
        var alpn = hello[5].Split(',')[0];
        var alpnText = alpn.Length == 0 ? "00" : $"{alpn[0]}{alpn[^1]}";
        var sni = extensions.Contains(0) ? 'd' : 'i';
        var a = string.Create(CultureInfo.InvariantCulture, $"t{versionText}{sni}{Math.Min(ciphers.Count, 99):D2}{Math.Min(extensions.Count, 99):D2}{alpnText}");
        var cipherList = string.Join(",", ciphers.Order().Select(Hex));
        var extensionList = string.Join(",", extensions.Where(e => e is not 0x0000 and not 0x0010).Order().Select(Hex));
        if (signatures.Count > 0)
        {
            extensionList += "_" + string.Join(",", signatures.Select(Hex));
        }

        return $"{a}_{Truncated(cipherList, ciphers.Count)}_{Truncated(extensionList, extensions.Count)}";
    }

    private static List<ushort> Numbers(string field) =>
        field.Length == 0
            ? []
            : [.. field.Split(',').Select(v => v.StartsWith("0x", StringComparison.Ordinal)
                ? ushort.Parse(v.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : ushort.Parse(v, CultureInfo.InvariantCulture)).Where(v => !IsGrease(v))];

    /// <summary>GREASE values (RFC 8701) are 0x?a?a with equal bytes.</summary>
    private static bool IsGrease(ushort value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);

    private static string Hex(ushort value) => value.ToString("x4", CultureInfo.InvariantCulture);

    private static string Truncated(string text, int count) =>
        count == 0 ? "000000000000" : Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text)))[..12];
}
