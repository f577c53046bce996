using System.Diagnostics;
using System.Globalization;
using System.Net;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols;

namespace Mamori.Sensor.Tests.Protocols;

/// <summary>
/// A [Fact] that needs real programs (tshark, tcpdump, servers) and root for network
/// namespaces. Skipped with the reason when they are missing, unless MAMORI_TEST_REQUIRE_ALL=1,
/// in which case the test runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TrafficFactAttribute : FactAttribute
{
    public TrafficFactAttribute(params string[] programs)
    {
        string? missing = TrafficLab.Missing(programs);
        if (missing is not null && Environment.GetEnvironmentVariable("MAMORI_TEST_REQUIRE_ALL") != "1")
        {
            Skip = missing;
        }
    }
}

/// <summary>One packet's transport payload as tshark decoded it.</summary>
public sealed record CapturedPacket(int Frame, DateTimeOffset Time, string Transport, int Stream, IPEndPoint Source, IPEndPoint Destination, byte[] Payload, bool Syn);

/// <summary>
/// Records traffic with TestData/record-traffic.sh and replays it into the parsers through a
/// tiny test-only payload extractor driven by tshark's field output (the flow engine is not
/// part of this branch).
/// </summary>
public static class TrafficLab
{
    private static readonly string[] s_searchPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':') is { Length: > 0 } p
        ? [.. p, "/usr/sbin", "/sbin"]
        : ["/usr/bin", "/usr/sbin"];

    public static string? Missing(string[] programs)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "needs Linux and root (network namespaces)";
        }

        string[] absent = [.. programs.Append("setsid").Where(program => !s_searchPath.Any(dir => File.Exists(Path.Combine(dir, program))))];
        return absent.Length == 0 ? null : "needs " + string.Join(", ", absent) + " (apt-get install them)";
    }

    public static string Record(string scenario, int count)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "TestData", "record-traffic.sh");
        string pcap = Path.Combine(Path.GetTempPath(), $"mamori-{scenario}-{Guid.NewGuid():N}.pcap");
        // A session of its own, so no daemon the script starts can signal the test host's process group.
        (int exit, string output) = Run("setsid", ["bash", script, scenario, pcap, count.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(4));
        Assert.True(exit == 0, $"recording {scenario} failed ({exit}): {output}");
        return pcap;
    }

    /// <summary>Runs tshark with -T fields and returns one string array per packet.</summary>
    public static List<string[]> Fields(string pcap, string filter, params string[] fields)
    {
        var arguments = new List<string> { "-r", pcap, "-n", "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=|" };
        if (filter.Length > 0)
        {
            arguments.AddRange(["-Y", filter]);
        }

        foreach (string field in fields)
        {
            arguments.AddRange(["-e", field]);
        }

        (int exit, string output) = Run("tshark", arguments, TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, "tshark failed: " + output);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("Running as", StringComparison.Ordinal)).Select(l => l.Split('\t'))];
    }

    public static List<CapturedPacket> Packets(string pcap)
    {
        var packets = new List<CapturedPacket>();
        foreach (string[] f in Fields(pcap, "tcp or udp", "frame.number", "frame.time_epoch", "ip.src", "ipv6.src", "ip.dst", "ipv6.dst",
                     "tcp.stream", "tcp.srcport", "tcp.dstport", "tcp.payload", "tcp.flags.syn", "tcp.flags.ack",
                     "udp.stream", "udp.srcport", "udp.dstport", "udp.payload"))
        {
            bool tcp = f[6].Length > 0;
            IPAddress source = IPAddress.Parse(f[2].Length > 0 ? f[2] : f[3]);
            IPAddress destination = IPAddress.Parse(f[4].Length > 0 ? f[4] : f[5]);
            decimal epoch = decimal.Parse(f[1], CultureInfo.InvariantCulture);
            var time = DateTimeOffset.FromUnixTimeMilliseconds((long)(epoch * 1000));
            packets.Add(new CapturedPacket(
                int.Parse(f[0], CultureInfo.InvariantCulture),
                time,
                tcp ? "tcp" : "udp",
                int.Parse(tcp ? f[6] : f[12], CultureInfo.InvariantCulture),
                new IPEndPoint(source, int.Parse(tcp ? f[7] : f[13], CultureInfo.InvariantCulture)),
                new IPEndPoint(destination, int.Parse(tcp ? f[8] : f[14], CultureInfo.InvariantCulture)),
                Convert.FromHexString((tcp ? f[9] : f[15]).Replace(":", "", StringComparison.Ordinal)),
                tcp && IsSet(f[10]) && !IsSet(f[11])));
        }

        return packets;
    }

    /// <summary>Replays every flow into the parsers ApplicationParsers picks; events carry the flow's Uid "tcp/N" or "udp/N".</summary>
    public static List<MetadataEvent> Replay(string pcap) => Replay(Packets(pcap));

    /// <summary>
    /// Checks that cutting every TCP payload at random places (as a reassembler with other
    /// segment boundaries would) changes no event; timestamps aside.
    /// </summary>
    public static void AssertRechunkInvariant(string pcap, int seed = 1)
    {
        List<CapturedPacket> packets = Packets(pcap);
        string[] expected = [.. Replay(packets).Select(DescribeUntimed)];
        var random = new Random(seed);
        var rechunked = new List<CapturedPacket>();
        foreach (CapturedPacket packet in packets)
        {
            if (packet.Transport != "tcp" || packet.Payload.Length < 2)
            {
                rechunked.Add(packet);
                continue;
            }

            for (int start = 0; start < packet.Payload.Length;)
            {
                int length = Math.Min(packet.Payload.Length - start, 1 + random.Next(Math.Max(1, packet.Payload.Length / 3)));
                rechunked.Add(packet with { Payload = packet.Payload[start..(start + length)], Syn = start == 0 && packet.Syn });
                start += length;
            }
        }

        string[] actual = [.. Replay(rechunked).Select(DescribeUntimed)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    private static string DescribeUntimed(MetadataEvent metadataEvent) =>
        metadataEvent.Flow?.Uid + " " + ProtocolTestKit.Describe(metadataEvent with { Timestamp = default });

    private static List<MetadataEvent> Replay(List<CapturedPacket> packets)
    {
        var sink = new CollectingSink();
        var flows = new Dictionary<(string, int), (FlowInfo Flow, IStreamParser? Stream, IDatagramParser? Datagram)>();
        DateTimeOffset last = default;
        foreach (CapturedPacket packet in packets)
        {
            last = packet.Time;
            (string, int) key = (packet.Transport, packet.Stream);
            if (!flows.TryGetValue(key, out var state))
            {
                bool reversed = packet.Transport == "tcp" && !packet.Syn && packet.Source.Port < packet.Destination.Port;
                var flow = new FlowInfo
                {
                    Uid = packet.Transport + "/" + packet.Stream.ToString(CultureInfo.InvariantCulture),
                    CommunityId = "1:test",
                    Protocol = packet.Transport == "tcp" ? (byte)6 : (byte)17,
                    Originator = reversed ? packet.Destination : packet.Source,
                    Responder = reversed ? packet.Source : packet.Destination,
                };
                state = packet.Transport == "tcp"
                    ? (flow, ApplicationParsers.CreateStreamParser(flow), null)
                    : (flow, null, ApplicationParsers.GetDatagramParser(flow));
                flows[key] = state;
            }

            FlowDirection direction = packet.Source.Equals(state.Flow.Originator) ? FlowDirection.ToResponder : FlowDirection.ToOriginator;
            var context = new ParserContext(state.Flow, packet.Time, sink);
            if (packet.Payload.Length > 0)
            {
                state.Stream?.OnData(context, direction, packet.Payload);
                state.Datagram?.OnDatagram(context, direction, packet.Payload);
            }
        }

        foreach (var state in flows.Values)
        {
            var context = new ParserContext(state.Flow, last, sink);
            state.Stream?.OnClose(context);
            state.Datagram?.OnClose(context);
        }

        return sink.Events;
    }

    /// <summary>Share of expected values found, each matched at most once.</summary>
    public static double Agreement(IReadOnlyCollection<string> expected, IEnumerable<string> actual, out List<string> missing)
    {
        var pool = actual.GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        missing = [];
        int matched = 0;
        foreach (string value in expected)
        {
            if (pool.TryGetValue(value, out int left) && left > 0)
            {
                pool[value] = left - 1;
                matched++;
            }
            else
            {
                missing.Add(value);
            }
        }

        return expected.Count == 0 ? 0 : (double)matched / expected.Count;
    }

    private static bool IsSet(string flag) => flag is "1" or "True" or "true";

    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, program + " timed out");
        }

        // A daemon that kept the pipes open must not hang the test run.
        if (!Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(10)))
        {
            return (-1, program + " left its output open");
        }
        return (process.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
    }
}
