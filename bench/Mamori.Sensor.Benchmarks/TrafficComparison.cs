using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Mamori.Sensor.Capture;
using Mamori.Sensor.Engine;
using Mamori.Sensor.Flows;

namespace Mamori.Sensor.Benchmarks;

/// <summary>
/// <c>traffic [--size-mb N] [--file PATH] [--skip-tshark]</c>: generates a mixed capture (default
/// 1024 MB), runs Mamori's extraction (decode, flows, reassembly, JSON Lines output) and
/// <c>tshark -T fields</c> for the same fields on the same file, each in its own process under
/// <c>/usr/bin/time -v</c>, and prints packets/s, MB/s, peak memory and the ratio.
/// </summary>
internal static partial class TrafficComparison
{
    private static readonly string[] s_tsharkFields =
    [
        "frame.time_epoch", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport",
        "dns.qry.name", "dns.qry.type", "dns.flags.rcode", "http.host", "http.request.method", "http.request.uri", "http.user_agent",
        "http.response.code", "tls.handshake.extensions_server_name", "tls.handshake.extensions_alpn_str",
    ];

    public static int Run(string[] args)
    {
        var sizeMb = 1024L;
        var file = Path.Combine(Path.GetTempPath(), "mamori-bench-mixed.pcap");
        var skipTshark = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size-mb": sizeMb = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--file": file = args[++i]; break;
                case "--skip-tshark": skipTshark = true; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var target = sizeMb * 1024 * 1024;
        if (!File.Exists(file) || new FileInfo(file).Length < target)
        {
            Console.WriteLine($"generating {sizeMb} MB mixed capture at {file} ...");
            var generator = new MixedTrafficGenerator();
            using (var stream = new BufferedStream(File.Create(file), 1 << 20))
            {
                generator.Write(stream, target);
            }

            Console.WriteLine($"  {generator.Packets:N0} packets, {generator.Sessions:N0} sessions (DNS, HTTP, TLS, SSH, FTP, SMB)");
        }

        var length = new FileInfo(file).Length;
        var output = Path.Combine(Path.GetTempPath(), $"mamori-bench-{Environment.ProcessId}.jsonl");
        try
        {
            var self = typeof(TrafficComparison).Assembly.Location;
            var mamori = Measure("dotnet", [self, "extract-run", file, output], null);
            var packets = long.Parse(PacketsLine().Match(mamori.Output).Groups[1].Value, CultureInfo.InvariantCulture);
            Print("mamori", length, packets, mamori);
            if (skipTshark || !File.Exists("/usr/bin/tshark"))
            {
                return 0;
            }

            var tsharkArgs = new List<string> { "-r", file, "-n", "-T", "fields" };
            foreach (var field in s_tsharkFields)
            {
                tsharkArgs.Add("-e");
                tsharkArgs.Add(field);
            }

            var tshark = Measure("tshark", tsharkArgs, output + ".tsv");
            Print("tshark", length, packets, tshark);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio: mamori is {tshark.Elapsed.TotalSeconds / mamori.Elapsed.TotalSeconds:F1}x faster than tshark; peak memory {mamori.PeakKb / 1024.0:F0} MB vs {tshark.PeakKb / 1024.0:F0} MB"));
            return 0;
        }
        finally
        {
            File.Delete(output);
            File.Delete(output + ".tsv");
        }
    }

    /// <summary>The child process: extraction with JSON Lines output, as <c>mamori extract</c> does it.</summary>
    public static int ExtractRun(string capture, string output)
    {
        var stopwatch = Stopwatch.StartNew();
        using var source = CaptureReader.Open(capture);
        using var stream = new BufferedStream(new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1), 1 << 20);
        using var writer = new JsonLinesEventWriter(stream);
        using var engine = new TrafficEngine(writer, new TrafficEngineOptions { Flows = new FlowTableOptions { UidSeed = 1 } });
        engine.Run(source);
        stopwatch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"packets {engine.Counters.Packets} bytes {engine.Counters.Bytes} flows {engine.Counters.Flows} events {engine.Counters.Events} seconds {stopwatch.Elapsed.TotalSeconds:F3}"));
        return 0;
    }

    /// <summary>
    /// Times one stage alone on a file, several passes in one process so the later passes show the
    /// steady state after JIT tiering: "read" (reader only) or "engine" (reader and engine, no output).
    /// </summary>
    public static int StageRun(string capture, string stage, int passes)
    {
        for (var pass = 1; pass <= passes; pass++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var source = CaptureReader.Open(capture);
            long packets = 0;
            if (stage == "read")
            {
                while (source.TryReadPacket(out _))
                {
                    packets++;
                }
            }
            else
            {
                using var engine = new TrafficEngine(new NullSink(), new TrafficEngineOptions { Flows = new FlowTableOptions { UidSeed = 1 } });
                engine.Run(source);
                packets = engine.Counters.Packets;
            }

            stopwatch.Stop();
            var seconds = stopwatch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage} pass {pass}: {packets} packets in {seconds:F3} s = {packets / seconds:N0} packets/s, {new FileInfo(capture).Length / seconds / 1e6:F0} MB/s"));
        }

        return 0;
    }

    private sealed class NullSink : Mamori.Sensor.Events.IEventSink
    {
        public void OnEvent(Mamori.Sensor.Events.MetadataEvent metadataEvent)
        {
        }
    }

    private sealed record Measurement(TimeSpan Elapsed, long PeakKb, string Output);

    private static Measurement Measure(string program, IEnumerable<string> arguments, string? stdoutFile)
    {
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-v");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output;
        if (stdoutFile is null)
        {
            output = process.StandardOutput.ReadToEnd();
        }
        else
        {
            using var file = File.Create(stdoutFile);
            process.StandardOutput.BaseStream.CopyTo(file);
            output = "";
        }

        process.WaitForExit();
        stopwatch.Stop();
        var peak = long.Parse(PeakLine().Match(error.GetAwaiter().GetResult()).Groups[1].Value, CultureInfo.InvariantCulture);
        return new Measurement(stopwatch.Elapsed, peak, output);
    }

    private static void Print(string name, long bytes, long packets, Measurement m)
    {
        var seconds = m.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-7} {seconds,8:F2} s  {packets / seconds,12:N0} packets/s  {bytes / seconds / 1e6,8:F1} MB/s  peak {m.PeakKb / 1024.0,7:F0} MB"));
    }

    [GeneratedRegex(@"packets (\d+)")]
    private static partial Regex PacketsLine();

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex PeakLine();
}
