using System.Collections.Concurrent;
using Mamori.Lab;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Events;
using Mamori.Sensor.Inputs;
using Mamori.Sensor.Intel;
using Mamori.Sensor.Intel.Feeds;
using Mamori.Sensor.Pipeline;

namespace Mamori.Sensor.Tests.Lab;

/// <summary>A DNS question one lab host asked another, with the answers it got.</summary>
public sealed record DnsLookup(string Client, string Server, string Query, IReadOnlyList<string> Answers);

/// <summary>
/// What the sensor pipeline (capture → traffic engine → events → detectors) made of one lab
/// scenario's capture, with the scenario's threat-intelligence side files loaded as
/// <c>mamori analyze --intel</c> would. Each scenario is analysed once per test run.
/// </summary>
public sealed record LabAnalysis(LabCapture Capture, IReadOnlyList<Alert> Alerts, IReadOnlyList<DnsLookup> Lookups, PipelineCounters Counters)
{
    private static readonly ConcurrentDictionary<string, Lazy<LabAnalysis>> s_cache = new(StringComparer.Ordinal);

    /// <summary>The analysis of <paramref name="scenario"/> (recording it first if the lab cache has no capture).</summary>
    public static LabAnalysis Of(string scenario) =>
        s_cache.GetOrAdd(scenario, name => new Lazy<LabAnalysis>(() => Run(LabCaptures.Get(name)))).Value;

    /// <summary>Runs the pipeline over the capture.</summary>
    public static LabAnalysis Run(LabCapture capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var intel = new ThreatIntelStore();
        foreach (var key in capture.Truth.Files.Keys)
        {
            var path = capture.File(key);
            var content = File.ReadAllText(path);
            if (FeedParser.Detect(content, Path.GetFileName(path)) is { } format)
            {
                var parsed = FeedParser.Parse(format, content, key);
                intel.Replace(parsed.Source, parsed.Indicators);
            }
        }

        var pipeline = new SensorPipeline(new DetectionEngine(intel: intel));
        var errors = new List<InputError>();
        var lookups = new List<DnsLookup>();
        foreach (var metadataEvent in pipeline.ReadFile(capture.PcapPath, errors))
        {
            if (metadataEvent is DnsEvent { Flow: { } flow } dns)
            {
                lookups.Add(new DnsLookup(flow.Originator.Address.ToString(), flow.Responder.Address.ToString(), dns.Query.TrimEnd('.'), dns.Answers));
            }

            pipeline.OnEvent(metadataEvent);
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{capture.PcapPath}: {string.Join("; ", errors)}");
        }

        return new LabAnalysis(capture, pipeline.Complete(), lookups, pipeline.Counters);
    }

    /// <summary>The alerts as one line each, for assertion messages.</summary>
    public string Describe() => Alerts.Count == 0
        ? "(no alert)"
        : string.Join("\n", Alerts.Select(LabAlertMatcher.Describe));
}
