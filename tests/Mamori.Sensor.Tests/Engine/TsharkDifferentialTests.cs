using System.Globalization;
using Mamori.Sensor.Capture;
using Mamori.Sensor.Engine;
using Mamori.Sensor.Events;
using Mamori.Sensor.Flows;
using Mamori.Sensor.Tests.TestSupport;
using Xunit.Abstractions;

namespace Mamori.Sensor.Tests.Engine;

/// <summary>
/// Records real traffic (curl, dig, ping between two network namespaces, tcpdump recording) and
/// compares the engine's flows with tshark's view of the same file: the same TCP/UDP flows
/// (addresses and ports), the same packet count per flow, the same Community IDs.
/// </summary>
public sealed class TsharkDifferentialTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mamori-diff-").FullName;

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("MAMORI_KEEP_TEST_FILES") != "1")
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [RequiresToolsFact(true, "ip", "tcpdump", "tshark", "editcap", "curl", "dig", "dnsmasq", "python3")]
    public void Extract_RealCapture_FlowsMatchTshark()
    {
        const int Rounds = 8;
        var pcap = NamespaceCapture.Record(_directory, Rounds);
        var pcapng = Path.Combine(_directory, "capture.pcapng");
        Assert.Equal(0, ExternalTools.Run("editcap", ["-F", "pcapng", pcap, pcapng], TimeSpan.FromSeconds(60)).ExitCode);

        var expected = TsharkFlows(pcap);
        var (actual, counters) = EngineFlows(pcap);
        var (fromPcapng, _) = EngineFlows(pcapng);
        output.WriteLine($"tshark: {expected.Count} flows; mamori: {actual.Count} flows, {counters.Packets} packets, events {string.Join(", ", counters.EventsByKind.Select(k => $"{k.Key}={k.Value}"))}");

        // 8 rounds x (HTTP over IPv4, HTTP over IPv6, DNS) + a refused connection.
        Assert.True(expected.Count >= (3 * Rounds) + 1, $"scenario produced only {expected.Count} flows");
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (tuple, flow) in expected)
        {
            Assert.True(flow.Packets == actual[tuple].Packets, $"{tuple}: tshark {flow.Packets} packets, mamori {actual[tuple].Packets}");
            Assert.True(flow.CommunityId == actual[tuple].CommunityId, $"{tuple}: tshark {flow.CommunityId}, mamori {actual[tuple].CommunityId}");
        }

        Assert.Equal(actual.Keys.Order(), fromPcapng.Keys.Order());
        Assert.Equal(0, counters.DecodeErrors);

        // The server side recorded with "tcpdump -i any" (Linux cooked capture) sees the same flows.
        var any = Path.Combine(_directory, "any.pcap");
        var expectedAny = TsharkFlows(any);
        var (actualAny, countersAny) = EngineFlows(any);
        output.WriteLine($"-i any: tshark {expectedAny.Count} flows; mamori {actualAny.Count} flows, {countersAny.Packets} packets");
        Assert.Equal(expectedAny.Keys.Order(), actualAny.Keys.Order());
        Assert.All(expectedAny, e => Assert.Equal(e.Value, actualAny[e.Key]));
        Assert.Equal(0, countersAny.DecodeErrors);
        Assert.Equal(0, countersAny.UnsupportedLinkType);
    }

    [RequiresToolsFact(true, "ip", "tcpdump", "tshark", "curl", "dig", "dnsmasq", "python3")]
    public void Extract_RealCapture_ConnectionStatesAsExpected()
    {
        var pcap = NamespaceCapture.Record(_directory, 2);
        var sink = new CollectingSink();
        using (var engine = new TrafficEngine(sink, new TrafficEngineOptions { Flows = new FlowTableOptions { UidSeed = 3 } }))
        using (var source = CaptureReader.Open(pcap))
        {
            engine.Run(source);
        }

        var http = sink.Connections.Where(c => c.Flow!.Responder.Port == 8080).ToList();
        Assert.Equal(4, http.Count);
        Assert.All(http, c => Assert.Equal("SF", c.State));
        Assert.All(http, c => Assert.StartsWith("ShAD", c.History, StringComparison.Ordinal));
        var refused = Assert.Single(sink.Connections, c => c.Flow!.Responder.Port == 8081);
        Assert.Equal("REJ", refused.State);
        var dns = sink.Connections.Where(c => c.Flow!.Responder.Port == 53).ToList();
        Assert.Equal(2, dns.Count);
        Assert.All(dns, c => Assert.Equal("SF", c.State));
        Assert.Contains(sink.Connections, c => c.Flow!.Protocol == 1 && c.ResponderPackets == 2);
    }

    private sealed record FlowSummary(long Packets, string CommunityId);

    private static string Tuple(string protocol, string a, string aPort, string b, string bPort)
    {
        var first = $"{a}:{aPort}";
        var second = $"{b}:{bPort}";
        return string.CompareOrdinal(first, second) < 0 ? $"{protocol} {first} {second}" : $"{protocol} {second} {first}";
    }

    private static Dictionary<string, FlowSummary> TsharkFlows(string capture)
    {
        var (exitCode, text, error) = ExternalTools.Run(
            "tshark",
            ["-r", capture, "--enable-protocol", "communityid", "-Y", "(tcp or udp) and not icmp and not icmpv6",
             "-T", "fields", "-E", "separator=\t",
             "-e", "ip.src", "-e", "ip.dst", "-e", "ipv6.src", "-e", "ipv6.dst",
             "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "udp.srcport", "-e", "udp.dstport", "-e", "communityid"],
            TimeSpan.FromSeconds(120));
        Assert.True(exitCode == 0, error);
        var flows = new Dictionary<string, FlowSummary>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            var tcp = f[4].Length > 0;
            var source = f[0].Length > 0 ? f[0] : f[2];
            var destination = f[1].Length > 0 ? f[1] : f[3];
            var key = Tuple(tcp ? "tcp" : "udp", source, tcp ? f[4] : f[6], destination, tcp ? f[5] : f[7]);
            flows[key] = new FlowSummary((flows.TryGetValue(key, out var s) ? s.Packets : 0) + 1, f[8]);
        }

        return flows;
    }

    private static (Dictionary<string, FlowSummary> Flows, EngineCounters Counters) EngineFlows(string capture)
    {
        var sink = new CollectingSink();
        using var engine = new TrafficEngine(sink, new TrafficEngineOptions { Flows = new FlowTableOptions { UidSeed = 5 } });
        using (var source = CaptureReader.Open(capture))
        {
            engine.Run(source);
        }

        var flows = new Dictionary<string, FlowSummary>();
        foreach (var conn in sink.Connections.Where(c => c.Flow!.Protocol is 6 or 17))
        {
            var flow = conn.Flow!;
            var key = Tuple(
                flow.Protocol == 6 ? "tcp" : "udp",
                flow.Originator.Address.ToString(),
                flow.Originator.Port.ToString(CultureInfo.InvariantCulture),
                flow.Responder.Address.ToString(),
                flow.Responder.Port.ToString(CultureInfo.InvariantCulture));
            var packets = conn.OriginatorPackets + conn.ResponderPackets;
            flows[key] = new FlowSummary((flows.TryGetValue(key, out var s) ? s.Packets : 0) + packets, flow.CommunityId);
        }

        return (flows, engine.Counters);
    }
}
