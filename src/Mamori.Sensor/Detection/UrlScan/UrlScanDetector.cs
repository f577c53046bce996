using System.Buffers;
using System.Globalization;
using System.Net;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Detection.UrlScan;

/// <summary>
/// URL scans: a known probe path or payload, a scanner user agent, or a burst of 4xx answers
/// from one client to one server. Low severity by default; medium when a command-injection or
/// code-execution probe got a success response, as in the pilot's incident (表3.3.2-4).
/// </summary>
public sealed class UrlScanDetector : IDetector
{
    private readonly UrlScanOptions _options;
    private readonly string[] _probes;
    private readonly int _executionProbeCount;
    private readonly string[] _agents;

    // Multi-string searches over every fragment at once: most requests match none, and then one
    // pass over the URI replaces a Contains per fragment. A hit falls back to the ordered loop,
    // so the fragment reported (the first in list order) is the same.
    private readonly SearchValues<string> _probeSearch;
    private readonly SearchValues<string> _agentSearch;
    private static readonly SearchValues<string> s_weakProbeSearch = SearchValues.Create(ScannerSignatures.WeakProbes, StringComparison.OrdinalIgnoreCase);
    private const int WeakProbeThreshold = 3;
    private readonly BoundedStateTable<(IPAddress Src, IPAddress Dst), ScanState> _pairs;
    private IAlertSink? _sink;

    /// <summary>Creates the detector.</summary>
    public UrlScanDetector(UrlScanOptions options, int maxTrackedKeys)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _probes = [.. ScannerSignatures.ExecutionProbes, .. ScannerSignatures.ReconProbes, .. options.ExtraProbePaths.Where(p => p.Length > 0).Select(p => p.ToLowerInvariant())];
        _executionProbeCount = ScannerSignatures.ExecutionProbes.Length;
        _agents = [.. ScannerSignatures.ScannerAgents, .. options.ExtraScannerAgents.Where(p => p.Length > 0).Select(p => p.ToLowerInvariant())];
        _probeSearch = SearchValues.Create(_probes, StringComparison.OrdinalIgnoreCase);
        _agentSearch = SearchValues.Create(_agents, StringComparison.OrdinalIgnoreCase);
        _pairs = new(maxTrackedKeys, options.Window + options.Window, _ => new ScanState());
        _pairs.Removing = (key, state) => FlushOne(key, state, _sink);
    }

    /// <inheritdoc />
    public string Name => "url_scan";

    /// <inheritdoc />
    public DetectorStats Stats => DetectorStats.Of(_pairs);

    /// <summary>Returns the first probe fragment found in a URI, or null.</summary>
    public string? FindProbe(string uri) => FindProbe(uri, out _);

    /// <summary>Returns the first probe fragment found in a URI and whether it is a code-execution probe, or null.</summary>
    public string? FindProbe(string uri, out bool execution)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.AsSpan().ContainsAny(_probeSearch))
        {
            execution = false;
            return null;
        }

        for (var i = 0; i < _probes.Length; i++)
        {
            if (uri.Contains(_probes[i], StringComparison.OrdinalIgnoreCase))
            {
                execution = i < _executionProbeCount;
                return _probes[i];
            }
        }

        execution = false;
        return null;
    }

    private static string? FindWeakProbe(string uri)
    {
        if (!uri.AsSpan().ContainsAny(s_weakProbeSearch))
        {
            return null;
        }

        foreach (var probe in ScannerSignatures.WeakProbes)
        {
            if (uri.Contains(probe, StringComparison.OrdinalIgnoreCase))
            {
                return probe;
            }
        }

        return null;
    }

    /// <summary>Returns the scanner fragment found in a user agent, or null.</summary>
    public string? FindScannerAgent(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent) || !userAgent.AsSpan().ContainsAny(_agentSearch))
        {
            return null;
        }

        foreach (var agent in _agents)
        {
            if (userAgent.Contains(agent, StringComparison.OrdinalIgnoreCase))
            {
                return agent;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent, IAlertSink sink)
    {
        if (metadataEvent is not HttpEvent { Flow: { } flow } http)
        {
            return;
        }

        _sink = sink;
        var now = http.Timestamp;
        var probe = FindProbe(http.Uri, out var execution);
        var weak = probe is null ? FindWeakProbe(http.Uri) : null;
        var agent = FindScannerAgent(http.UserAgent);
        // 401/407 are authentication challenges: repeated ones are password guessing, which the
        // brute-force detector reports, not a hunt for URLs.
        var clientError = http.StatusCode is >= 400 and < 500 and not (401 or 407);
        if (probe is null && weak is null && agent is null && !clientError)
        {
            return;
        }

        var key = (flow.Originator.Address, flow.Responder.Address);
        var state = _pairs.Touch(key, now);
        var expired = state.Alerted ? now - state.LastSeen > _options.Window : state.IsExpired(now, _options.Window);
        if (state.Count > 0 && expired)
        {
            FlushOne(key, state, sink);
            state.Restart(now);
        }

        state.Add(now);
        state.DstPort = flow.Responder.Port;
        state.Host ??= http.Host;
        state.Paths.Add(http.Uri);
        if (clientError)
        {
            state.ClientErrors++;
        }

        if (probe is not null)
        {
            state.Probes++;
            state.LastProbe = probe;
            if (execution && http.StatusCode is >= 200 and < 300)
            {
                state.ProbeSuccesses++;
            }
        }

        if (weak is not null && state.WeakPaths.Add(weak))
        {
            state.LastProbe ??= weak;
        }

        if (agent is not null)
        {
            state.ScannerAgent = agent;
        }

        var triggered = state.Probes > 0 || state.ScannerAgent is not null || state.ClientErrors >= _options.ClientErrors
            || state.WeakPaths.Count >= WeakProbeThreshold;
        if (triggered && state.ShouldReport())
        {
            sink.OnAlert(ToAlert(key, state));
        }
    }

    /// <inheritdoc />
    public void Flush(IAlertSink sink)
    {
        foreach (var (key, state) in _pairs.Entries())
        {
            FlushOne(key, state, sink);
        }
    }

    private static void FlushOne((IPAddress Src, IPAddress Dst) key, ScanState state, IAlertSink? sink)
    {
        if (sink is not null && state.HasUnreported)
        {
            state.MarkReported();
            sink.OnAlert(ToAlert(key, state));
        }
    }

    private static Alert ToAlert((IPAddress Src, IPAddress Dst) key, ScanState state)
    {
        var parts = new List<string>(3);
        if (state.Probes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{state.Probes} attack probes (e.g. \"{state.LastProbe}\")"));
        }

        if (state.WeakPaths.Count >= WeakProbeThreshold)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{state.WeakPaths.Count} different admin-page probes"));
        }

        if (state.ScannerAgent is not null)
        {
            parts.Add("scanner user agent \"" + state.ScannerAgent + "\"");
        }

        if (state.ClientErrors > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{state.ClientErrors} not-found/forbidden answers"));
        }

        var success = state.ProbeSuccesses > 0
            ? string.Create(CultureInfo.InvariantCulture, $"; the server answered {state.ProbeSuccesses} probe(s) with success")
            : "";
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{state.Count} HTTP requests for {state.Paths.Count} different URLs from {key.Src} to {key.Dst} in {AlertEndpoints.Span(state.LastSeen - state.FirstSeen)}: {string.Join(", ", parts)}{success}");
        return Alert.Create(AlertType.UrlScan, state.ProbeSuccesses > 0 ? AlertSeverity.Medium : AlertSeverity.Low,
            AlertEndpoints.Host(key.Src), new AlertEndpoint(key.Dst.ToString(), state.DstPort, state.Host),
            state.FirstSeen, state.LastSeen, state.Count, evidence, key.Src + "|" + key.Dst);
    }

    private sealed class ScanState : Episode
    {
        public DistinctCounter Paths { get; } = new();
        public HashSet<string> WeakPaths { get; } = new(StringComparer.Ordinal);
        public int DstPort { get; set; }
        public string? Host { get; set; }
        public long ClientErrors { get; set; }
        public long Probes { get; set; }
        public long ProbeSuccesses { get; set; }
        public string? LastProbe { get; set; }
        public string? ScannerAgent { get; set; }

        protected override void OnRestart()
        {
            Paths.Clear();
            WeakPaths.Clear();
            ClientErrors = Probes = ProbeSuccesses = 0;
            LastProbe = ScannerAgent = Host = null;
        }
    }
}
