using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Mamori.Sensor.Capture;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Engine;
using Mamori.Sensor.Flows;
using Mamori.Sensor.Intel;
using Mamori.Sensor.Pipeline;

namespace Mamori.Sensor.Benchmarks;

/// <summary>
/// <c>traffic [--size-mb N] [--file PATH] [--skip-tshark] [--detect]</c>: generates a mixed capture
/// (default 1024 MB), runs Mamori's extraction (decode, flows, reassembly, JSON Lines output) and
/// <c>tshark -T fields</c> for the same fields on the same file, each in its own process under
/// <c>/usr/bin/time -v</c>, and prints packets/s, MB/s, CPU time, peak memory and the ratio; with
/// <c>--detect</c> also the detectors' share of the time (<see cref="DetectOverhead"/>).
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
        // v2: with attack bursts (MixedTrafficGenerator.AttackEvery); older files are not reused.
        var file = Path.Combine(Path.GetTempPath(), "mamori-bench-mixed-v2.pcap");
        var skipTshark = false;
        var detect = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size-mb": sizeMb = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--file": file = args[++i]; break;
                case "--skip-tshark": skipTshark = true; break;
                case "--detect": detect = true; break;
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

            Console.WriteLine($"  {generator.Packets:N0} packets, {generator.Sessions:N0} sessions (DNS, HTTP, TLS, SSH, FTP, SMB; one in {MixedTrafficGenerator.AttackEvery} an attack burst)");
        }

        var length = new FileInfo(file).Length;
        var output = Path.Combine(Path.GetTempPath(), $"mamori-bench-{Environment.ProcessId}.jsonl");
        try
        {
            var self = typeof(TrafficComparison).Assembly.Location;
            var mamori = Measure("dotnet", [self, "extract-run", file, output], null);
            var packets = long.Parse(PacketsLine().Match(mamori.Output).Groups[1].Value, CultureInfo.InvariantCulture);
            Print("mamori", length, packets, mamori);
            Console.Write("  " + mamori.Output);

            // The same command with tiered compilation off (DOTNET_TieredCompilation=0, which a user
            // can set for batch runs): every method is compiled optimised at once, no tier-0 phase.
            var batch = Measure("dotnet", [self, "extract-run", file, output], null, ("DOTNET_TieredCompilation", "0"));
            Print("mamori*", length, packets, batch);
            Console.Write("  " + batch.Output);
            Console.WriteLine("  (* with DOTNET_TieredCompilation=0)");
            if (detect)
            {
                var overhead = Measure("dotnet", [self, "detect-overhead", file, "3"], null);
                Console.Write(overhead.Output);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"detect-overhead process: peak {overhead.PeakKb / 1024.0:F0} MB"));
            }

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
        var engine = RunOutput(capture, output);
        stopwatch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"packets {engine.Packets} bytes {engine.Bytes} flows {engine.Flows} events {engine.Events} seconds {stopwatch.Elapsed.TotalSeconds:F3} (after start-up); process CPU {Environment.CpuUsage.TotalTime.TotalSeconds:F2} s; allocated {GC.GetTotalAllocatedBytes() / 1e6:F0} MB, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
        return 0;
    }

    /// <summary>Extraction with JSON Lines written to <paramref name="output"/> through a plain file stream, as <c>mamori extract --out</c>.</summary>
    private static EngineCounters RunOutput(string capture, string output)
    {
        using var source = CaptureReader.Open(capture);
        using var writer = new JsonLinesEventWriter(new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16));
        using var engine = new TrafficEngine(writer, new TrafficEngineOptions { Flows = new FlowTableOptions { UidSeed = 1 } });
        engine.Run(source);
        return engine.Counters;
    }

    /// <summary>
    /// <c>detect-overhead FILE [ROUNDS]</c>: the traffic engine alone, then the engine feeding every
    /// detector (<see cref="SensorPipeline"/> as <c>mamori analyze</c> runs it, with a small threat
    /// intelligence set naming the capture's C&amp;C domain), alternated in one process after one
    /// warm-up pass of each; prints the best pass of each, the detectors' share of the time and the
    /// alerts the capture raised by type.
    /// </summary>
    public static int DetectOverhead(string capture, int rounds)
    {
        var engineTimes = new List<PassTime>();
        var detectTimes = new List<PassTime>();
        SensorPipeline? last = null;
        for (var round = 0; round <= rounds; round++)
        {
            var engine = TimePass(() => RunEngine(capture));
            var detect = TimePass(() => last = RunDetect(capture));
            if (round > 0)
            {
                engineTimes.Add(engine);
                detectTimes.Add(detect);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}{(round == 0 ? " (warm-up)" : "")}: engine {engine}, engine + detectors {detect}"));
        }

        var bytes = new FileInfo(capture).Length;
        var bestEngine = engineTimes.MinBy(t => t.Wall)!;
        var bestDetect = detectTimes.MinBy(t => t.Wall)!;
        var medianRatio = Median(engineTimes.Zip(detectTimes, (e, d) => d.Cpu / e.Cpu));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine alone:       best {bestEngine.Wall:F3} s wall ({bytes / bestEngine.Wall / 1e6:F0} MB/s), {bestEngine.Cpu:F3} s CPU"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine + detectors: best {bestDetect.Wall:F3} s wall ({bytes / bestDetect.Wall / 1e6:F0} MB/s), {bestDetect.Cpu:F3} s CPU"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"detectors add {(bestDetect.Wall / bestEngine.Wall - 1) * 100:F1} % (best wall times), {(medianRatio - 1) * 100:F1} % (median CPU ratio of the {rounds} rounds)"));
        var pipeline = last!;
        var stats = pipeline.Detection.Stats;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events {pipeline.Detection.EventsSeen:N0}; detector state: {stats.TrackedKeys:N0} keys held, {stats.Evictions:N0} evicted, {stats.Expirations:N0} expired"));
        var alerts = pipeline.Detection.Alerts.ToList();
        Console.WriteLine($"alerts {alerts.Count:N0}: " + string.Join(", ", alerts.GroupBy(a => AlertCatalog.IdOf(a.Type)).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count():N0}")));
        return 0;
    }

    /// <summary>
    /// <c>detect-breakdown FILE</c>: the capture's events held in memory, then each detector alone
    /// over them (fresh state each of 5 repetitions, best kept): where the detection time goes.
    /// </summary>
    public static int DetectBreakdown(string capture)
    {
        var events = new List<Mamori.Sensor.Events.MetadataEvent>();
        using (var source = CaptureReader.Open(capture))
        using (var engine = new TrafficEngine(new ListSink(events), new TrafficEngineOptions { Flows = new FlowTableOptions { UidSeed = 1 } }))
        {
            engine.Run(source);
        }

        var intel = new ThreatIntelStore();
        intel.Replace("bench", MixedTrafficGenerator.Indicators);
        var count = new DetectionEngine(intel: intel).Detectors.Count;
        double total = 0;
        for (var i = 0; i <= count; i++)
        {
            var best = double.MaxValue;
            var name = "all (DetectionEngine)";
            for (var rep = 0; rep < 5; rep++)
            {
                var detection = new DetectionEngine(intel: intel);
                var stopwatch = Stopwatch.StartNew();
                if (i == count)
                {
                    foreach (var e in events)
                    {
                        detection.OnEvent(e);
                    }

                    detection.Flush();
                }
                else
                {
                    var detector = detection.Detectors[i];
                    name = detector.Name;
                    foreach (var e in events)
                    {
                        detector.OnEvent(e, detection.Alerts);
                    }

                    detector.Flush(detection.Alerts);
                }

                best = Math.Min(best, stopwatch.Elapsed.TotalSeconds);
            }

            total += i == count ? 0 : best;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-24} {best * 1000,8:F1} ms  {best * 1e9 / events.Count,8:F0} ns/event"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"sum of detectors",-24} {total * 1000,8:F1} ms over {events.Count:N0} events"));
        return 0;
    }

    private sealed class ListSink(List<Mamori.Sensor.Events.MetadataEvent> events) : Mamori.Sensor.Events.IEventSink
    {
        public void OnEvent(Mamori.Sensor.Events.MetadataEvent metadataEvent) => events.Add(metadataEvent);
    }

    private static EngineCounters RunEngine(string capture)
    {
        using var source = CaptureReader.Open(capture);
        using var engine = new TrafficEngine(new NullSink(), new TrafficEngineOptions { Flows = new FlowTableOptions { UidSeed = 1 } });
        engine.Run(source);
        return engine.Counters;
    }

    private static SensorPipeline RunDetect(string capture)
    {
        var intel = new ThreatIntelStore();
        intel.Replace("bench", MixedTrafficGenerator.Indicators);
        var pipeline = new SensorPipeline(new DetectionEngine(intel: intel), new TrafficEngineOptions { Flows = new FlowTableOptions { UidSeed = 1 } });
        using var source = CaptureReader.Open(capture);
        pipeline.Run(source);
        pipeline.Complete();
        return pipeline;
    }

    private sealed record PassTime(double Wall, double Cpu, long Allocated, int Gen0, int Gen1, int Gen2)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Wall:F3} s wall / {Cpu:F3} s CPU, {Allocated / 1e6:F0} MB allocated, GCs {Gen0}/{Gen1}/{Gen2}");
    }

    private static PassTime TimePass(Action pass)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var stopwatch = Stopwatch.StartNew();
        pass();
        stopwatch.Stop();
        return new PassTime(
            stopwatch.Elapsed.TotalSeconds,
            (Environment.CpuUsage.TotalTime - cpu).TotalSeconds,
            GC.GetTotalAllocatedBytes() - allocated,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// Times one stage alone on a file, several passes in one process so the later passes show the
    /// steady state after JIT tiering: "read" (reader only), "engine" (reader and engine, no output),
    /// "output" (engine and JSON Lines written to a temporary file) or "detect" (engine and every
    /// detector). Prints wall and process CPU time per pass (CPU includes the JIT's and GC's threads).
    /// </summary>
    public static int StageRun(string capture, string stage, int passes)
    {
        var output = Path.Combine(Path.GetTempPath(), $"mamori-stage-{Environment.ProcessId}.jsonl");
        try
        {
            for (var pass = 1; pass <= passes; pass++)
            {
                long packets = 0;
                var time = TimePass(() => packets = stage switch
                {
                    "read" => ReadOnly(capture),
                    "engine" => RunEngine(capture).Packets,
                    "output" => RunOutput(capture, output).Packets,
                    "detect" => RunDetect(capture).Counters.Packets,
                    _ => throw new ArgumentException($"unknown stage {stage} (read, engine, output, detect)", nameof(stage)),
                });
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage} pass {pass}: {packets} packets, {packets / time.Wall:N0} packets/s, {new FileInfo(capture).Length / time.Wall / 1e6:F0} MB/s; {time}"));
            }
        }
        finally
        {
            File.Delete(output);
        }

        return 0;
    }

    private static long ReadOnly(string capture)
    {
        using var source = CaptureReader.Open(capture);
        long packets = 0;
        while (source.TryReadPacket(out _))
        {
            packets++;
        }

        return packets;
    }

    private sealed class NullSink : Mamori.Sensor.Events.IEventSink
    {
        public void OnEvent(Mamori.Sensor.Events.MetadataEvent metadataEvent)
        {
        }
    }

    private sealed record Measurement(TimeSpan Elapsed, long PeakKb, double CpuSeconds, string Output);

    private static Measurement Measure(string program, IEnumerable<string> arguments, string? stdoutFile, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

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
        var report = error.GetAwaiter().GetResult();
        var peak = long.Parse(PeakLine().Match(report).Groups[1].Value, CultureInfo.InvariantCulture);
        var cpu = double.Parse(UserLine().Match(report).Groups[1].Value, CultureInfo.InvariantCulture) + double.Parse(SystemLine().Match(report).Groups[1].Value, CultureInfo.InvariantCulture);
        return new Measurement(stopwatch.Elapsed, peak, cpu, output);
    }

    private static void Print(string name, long bytes, long packets, Measurement m)
    {
        var seconds = m.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-7} {seconds,8:F2} s  {packets / seconds,12:N0} packets/s  {bytes / seconds / 1e6,8:F1} MB/s  CPU {m.CpuSeconds,6:F2} s  peak {m.PeakKb / 1024.0,7:F0} MB"));
    }

    [GeneratedRegex(@"packets (\d+)")]
    private static partial Regex PacketsLine();

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex PeakLine();

    [GeneratedRegex(@"User time \(seconds\): ([\d.]+)")]
    private static partial Regex UserLine();

    [GeneratedRegex(@"System time \(seconds\): ([\d.]+)")]
    private static partial Regex SystemLine();
}
