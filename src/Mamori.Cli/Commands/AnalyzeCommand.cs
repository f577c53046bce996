using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Events;
using Mamori.Sensor.Inputs;
using Mamori.Sensor.Intel;
using Mamori.Sensor.Intel.Feeds;
using Mamori.Sensor.Pipeline;
using Spectre.Console;

namespace Mamori.Cli.Commands;

/// <summary>
/// <c>mamori analyze &lt;files...&gt; [--out DIR] [--intel FILE...] [--lang ja|en] [--config FILE]</c>:
/// reads pcap/pcapng captures (through <see cref="SensorPipeline"/>), Suricata EVE, Zeek JSON and
/// Windows process logs, runs every detector, prints a table of alerts and writes
/// <c>alerts.json</c> and <c>report.html</c>.
/// </summary>
public static class AnalyzeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files")
        {
            Description = "Input files: Suricata eve.json, Zeek JSON logs, Windows 4688/Sysmon JSON, pcap/pcapng",
            Arity = ArgumentArity.OneOrMore,
        };
        files.AcceptExistingOnly();
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Directory for alerts.json and report.html",
            DefaultValueFactory = _ => new DirectoryInfo("."),
        };
        var intel = new Option<FileInfo[]>("--intel")
        {
            Description = "Threat-intelligence files (Feodo Tracker, URLhaus, ThreatFox, OpenPhish, PhishTank, MISP, STIX 2.1)",
            AllowMultipleArgumentsPerToken = true,
        };
        intel.AcceptExistingOnly();
        var language = new Option<string>("--lang")
        {
            Description = "Report language",
            DefaultValueFactory = _ => "ja",
        };
        language.AcceptOnlyFromAmong("ja", "en");
        var config = new Option<FileInfo>("--config")
        {
            Description = "Detection thresholds as JSON (see DetectionOptions)",
        };
        config.AcceptExistingOnly();
        var expect = new Option<FileInfo>("--expect")
        {
            Description = "Lab expectations (JSON array of {type, src, dst}): print per-type precision and recall",
        };
        expect.AcceptExistingOnly();

        var command = new Command("analyze", "Find attacks and undesirable operation in captures and logs")
        {
            files, output, intel, language, config, expect,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetRequiredValue(files),
            parse.GetValue(output) ?? new DirectoryInfo("."),
            parse.GetValue(intel) ?? [],
            parse.GetValue(language) ?? "ja",
            parse.GetValue(config),
            parse.InvocationConfiguration.Output,
            cancellationToken,
            parse.GetValue(expect)));
        return command;
    }

    /// <summary>Runs an analysis; returns the exit code (0 ok, 2 nothing could be read).</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<FileInfo> files, DirectoryInfo outputDirectory, IReadOnlyList<FileInfo> intelFiles, string language,
        FileInfo? configFile, TextWriter output, CancellationToken cancellationToken, FileInfo? expectFile = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(intelFiles);
        ArgumentNullException.ThrowIfNull(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = output == Console.Out && !Console.IsOutputRedirected ? InteractionSupport.Detect : InteractionSupport.No,
        });

        if (!console.Profile.Capabilities.Interactive)
        {
            // Redirected output: a wide table is easier to read in a log than a wrapped one.
            console.Profile.Width = 200;
        }

        var options = new DetectionOptions();
        if (configFile is not null)
        {
            await using var stream = configFile.OpenRead();
            options = await JsonSerializer.DeserializeAsync(stream, DetectionOptionsJsonContext.Default.DetectionOptions, cancellationToken).ConfigureAwait(false)
                ?? options;
        }

        var store = new ThreatIntelStore();
        foreach (var file in intelFiles)
        {
            var content = await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
            if (FeedParser.Detect(content, file.Name) is not { } format)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(file.Name)}: unrecognised threat-intelligence format, skipped[/]");
                continue;
            }

            var parsed = FeedParser.Parse(format, content, Path.GetFileNameWithoutExtension(file.Name));
            store.Replace(parsed.Source, parsed.Indicators);
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Intel {file.Name} ({format}): {parsed}")));
            foreach (var error in parsed.Errors.Take(5))
            {
                console.MarkupLine("  [yellow]" + Markup.Escape(error) + "[/]");
            }
        }

        var engine = new DetectionEngine(options, store);
        // Captures (recognised by magic number) go through the traffic engine; logs through their readers.
        var pipeline = new SensorPipeline(engine);
        var errors = new List<InputError>();
        var totalBytes = files.Sum(f => f.Length);
        var readBytes = new long[files.Count];
        IEnumerable<MetadataEvent> Events(Action<long>? progress)
        {
            var sources = files.Select((f, i) => pipeline.ReadFile(f.FullName, errors, n =>
            {
                readBytes[i] = n;
                progress?.Invoke(readBytes.Sum());
            })).ToList();
            return EventMerger.Merge(sources);
        }

        if (console.Profile.Capabilities.Interactive)
        {
            await console.Progress().StartAsync(ctx =>
            {
                var task = ctx.AddTask("Reading", maxValue: Math.Max(1, totalBytes));
                foreach (var e in Events(n => task.Value = n))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    pipeline.OnEvent(e);
                }

                task.Value = task.MaxValue;
                return Task.CompletedTask;
            }).ConfigureAwait(false);
        }
        else
        {
            foreach (var e in Events(null))
            {
                cancellationToken.ThrowIfCancellationRequested();
                pipeline.OnEvent(e);
            }
        }

        engine.Flush();
        var alerts = engine.Alerts.ToList()
            .OrderByDescending(a => a.Severity).ThenBy(a => a.FirstSeen).ToList();

        foreach (var error in errors.Take(20))
        {
            console.MarkupLine("[yellow]" + Markup.Escape(error.ToString()) + "[/]");
        }

        if (errors.Count > 20)
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"... and {errors.Count - 20} more input errors")));
        }

        var stats = engine.Stats;
        var traffic = pipeline.Counters;
        if (traffic.Captures > 0)
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{traffic.Packets} packets ({traffic.Bytes} bytes) from {traffic.Captures} capture(s), {traffic.Flows} flows, {traffic.CaptureDrops} dropped, {traffic.CaptureErrors} bad record(s), {traffic.DecodeErrors} decode error(s)")));
        }

        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{engine.EventsSeen} events from {files.Count} file(s), {errors.Count} bad record(s) skipped, {alerts.Count} alert(s); detector state {stats.TrackedKeys} keys, {stats.Evictions} evicted")));
        if (alerts.Count > 0)
        {
            console.Write(AlertTable(alerts, language));
        }

        outputDirectory.Create();
        var jsonPath = Path.Combine(outputDirectory.FullName, "alerts.json");
        await using (var json = File.Create(jsonPath))
        {
            await JsonSerializer.SerializeAsync(json, alerts, AlertJsonContext.Readable.ListAlert, cancellationToken).ConfigureAwait(false);
        }

        var htmlPath = Path.Combine(outputDirectory.FullName, "report.html");
        await File.WriteAllTextAsync(htmlPath, AlertReport.Render(alerts, language, files.Select(f => f.Name).ToList(), engine.EventsSeen), cancellationToken)
            .ConfigureAwait(false);
        console.MarkupLine(Markup.Escape($"Wrote {jsonPath} and {htmlPath}"));
        if (expectFile is not null)
        {
            var expected = AlertScoring.Read(await File.ReadAllTextAsync(expectFile.FullName, cancellationToken).ConfigureAwait(false));
            await output.WriteLineAsync(AlertScoring.Format(AlertScoring.Score(alerts, expected))).ConfigureAwait(false);
        }

        return engine.EventsSeen == 0 && errors.Count > 0 ? 2 : 0;
    }

    private static Table AlertTable(IReadOnlyList<Alert> alerts, string language)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("Severity", "Type", "Src", "Dst", "Count", "First seen (UTC)", "Evidence");
        foreach (var alert in alerts)
        {
            var colour = alert.Severity switch
            {
                AlertSeverity.High => "red",
                AlertSeverity.Medium => "yellow",
                _ => "grey",
            };
            table.AddRow(
                $"[{colour}]{AlertExplanations.Severity(alert.Severity, language)}[/]",
                Markup.Escape(AlertCatalog.IdOf(alert.Type)),
                Markup.Escape(Describe(alert.Src)),
                Markup.Escape(alert.Dst is null ? "" : Describe(alert.Dst)),
                alert.Count.ToString(CultureInfo.InvariantCulture),
                alert.FirstSeen.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(alert.Evidence));
        }

        return table;
    }

    /// <summary>"10.0.0.5:21 (ftp.example)" style.</summary>
    public static string Describe(AlertEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var address = endpoint.Ip is null ? "" : endpoint.Port is { } port && port != 0 ? endpoint.Ip + ":" + port.ToString(CultureInfo.InvariantCulture) : endpoint.Ip;
        return endpoint.Name is null ? address : address.Length == 0 ? endpoint.Name : address + " (" + endpoint.Name + ")";
    }
}
