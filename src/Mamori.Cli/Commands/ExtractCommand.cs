using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Mamori.Sensor.Capture;
using Mamori.Sensor.Engine;
using Mamori.Sensor.Flows;
using Spectre.Console;

namespace Mamori.Cli.Commands;

/// <summary>
/// <c>mamori extract &lt;capture&gt; [--out FILE]</c>: runs the traffic engine over a pcap or pcapng
/// file and writes every event as JSON Lines (Zeek-like field names), with a progress bar on a
/// terminal and a summary on stderr. Exits non-zero only when nothing could be read.
/// </summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var capture = new Argument<string>("capture") { Description = "pcap or pcapng file to read ('-' for standard input)." };
        var output = new Option<string?>("--out", "-o") { Description = "Write JSON Lines here instead of standard output." };
        var uidSeed = new Option<ulong?>("--uid-seed") { Description = "Seed for connection uids, for reproducible output." };
        var maxFlows = new Option<int?>("--max-flows") { Description = "Flows tracked at once before the oldest is evicted." };
        var command = new Command("extract", "Extract connection and protocol metadata from a capture as JSON Lines.")
        {
            capture,
            output,
            uidSeed,
            maxFlows,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var options = new TrafficEngineOptions
            {
                Flows = new FlowTableOptions
                {
                    UidSeed = parseResult.GetValue(uidSeed),
                    MaxFlows = parseResult.GetValue(maxFlows) ?? new FlowTableOptions().MaxFlows,
                },
            };
            var exitCode = Run(
                parseResult.GetRequiredValue(capture),
                parseResult.GetValue(output),
                options,
                parseResult.InvocationConfiguration.Error,
                cancellationToken);
            return Task.FromResult(exitCode);
        });
        return command;
    }

    /// <summary>Runs the extraction; returns the process exit code.</summary>
    internal static int Run(string capturePath, string? outputPath, TrafficEngineOptions options, TextWriter error, CancellationToken cancellationToken)
    {
        ICaptureSource source;
        try
        {
            source = capturePath == "-" ? CaptureReader.Open(Console.OpenStandardInput()) : CaptureReader.Open(capturePath);
        }
        catch (Exception exception) when (exception is CaptureFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"mamori extract: {capturePath}: {exception.Message}");
            return 1;
        }

        using (source)
        {
            source.Statistics.ErrorReported += e =>
            {
                if (source.Statistics.BadRecords <= 10)
                {
                    error.WriteLine($"mamori extract: {capturePath}: {e}");
                }
            };

            Stream outputStream = outputPath is null
                ? Console.OpenStandardOutput()
                : new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            using var bufferedOutput = new BufferedStream(outputStream, 1 << 16);
            // A pipe from a live capture gets its lines within a second; a file is written in blocks.
            using var writer = new JsonLinesEventWriter(bufferedOutput) { FlushInterval = capturePath == "-" ? TimeSpan.FromSeconds(1) : null };
            using var engine = new TrafficEngine(writer, options);
            var stopwatch = Stopwatch.StartNew();
            var interactive = !Console.IsErrorRedirected && (outputPath is not null || Console.IsOutputRedirected);
            if (interactive)
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                    .Start(context =>
                    {
                        var task = context.AddTask(Path.GetFileName(capturePath), maxValue: Math.Max(source.Length ?? 0, 1));
                        engine.Run(source, s => task.Value = Math.Min(s.Position, task.MaxValue), cancellationToken);
                        task.Value = task.MaxValue;
                    });
            }
            else
            {
                engine.Run(source, progress: null, cancellationToken);
            }

            stopwatch.Stop();
            WriteSummary(error, engine.Counters, source.Statistics, stopwatch.Elapsed);
            if (engine.Counters.Packets == 0 && source.Statistics.BadRecords > 0)
            {
                error.WriteLine($"mamori extract: {capturePath}: no packet could be read");
                return 1;
            }

            return 0;
        }
    }

    private static void WriteSummary(TextWriter error, EngineCounters counters, CaptureStatistics capture, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        error.WriteLine(string.Create(inv, $"packets {counters.Packets:N0}, bytes {counters.Bytes:N0} ({counters.Bytes / seconds / 1e6:F1} MB/s, {counters.Packets / seconds:N0} packets/s in {elapsed.TotalSeconds:F2} s)"));
        error.WriteLine(string.Create(inv, $"flows {counters.Flows:N0} (evicted {counters.FlowsEvicted:N0}, idle-expired {counters.FlowsExpired:N0}, active-timeout records {counters.ActiveTimeouts:N0})"));
        var kinds = new List<string>();
        foreach (var (kind, count) in counters.EventsByKind)
        {
            kinds.Add(string.Create(inv, $"{kind} {count:N0}"));
        }

        kinds.Sort(StringComparer.Ordinal);
        error.WriteLine(string.Create(inv, $"events {counters.Events:N0}: {string.Join(", ", kinds)}"));
        error.WriteLine(string.Create(inv, $"drops {counters.CaptureDrops:N0}, capture errors {capture.BadRecords:N0} (skipped {capture.SkippedBytes:N0} bytes), decode errors {counters.DecodeErrors:N0}, parser errors {counters.ParserErrors:N0}"));
        error.WriteLine(string.Create(inv, $"tcp retransmissions {counters.TcpRetransmissions:N0}, gaps {counters.TcpGaps:N0}; fragments {counters.Fragments:N0} (reassembled {counters.FragmentsReassembled:N0}, abandoned {counters.FragmentsAbandoned:N0})"));
    }
}
