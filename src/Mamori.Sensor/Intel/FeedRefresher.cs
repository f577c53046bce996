using Mamori.Sensor.Intel.Feeds;

namespace Mamori.Sensor.Intel;

/// <summary>
/// Fetches the configured feeds when they are due, parses them and replaces their indicators in
/// the store. Time comes from the injected <see cref="TimeProvider"/> and bytes from the injected
/// <see cref="HttpClient"/>, so tests run it with a fake clock and handler. A failed fetch or an
/// empty parse keeps the feed's previous indicators.
/// </summary>
public sealed class FeedRefresher
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ThreatIntelStore _store;
    private readonly IReadOnlyList<FeedSource> _sources;
    private readonly Dictionary<string, DateTimeOffset> _nextDue = new(StringComparer.Ordinal);

    /// <summary>Creates the refresher.</summary>
    public FeedRefresher(HttpClient http, TimeProvider time, ThreatIntelStore store, IEnumerable<FeedSource> sources)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _sources = [.. sources ?? throw new ArgumentNullException(nameof(sources))];
    }

    /// <summary>Called after each feed refresh (for logging and the retro-hunt).</summary>
    public event Action<FeedRefreshResult>? Refreshed;

    /// <summary>Refreshes every feed that is due now; returns what happened to each.</summary>
    public async Task<IReadOnlyList<FeedRefreshResult>> RefreshDueAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var results = new List<FeedRefreshResult>();
        foreach (var source in _sources)
        {
            if (_nextDue.TryGetValue(source.Name, out var due) && now < due)
            {
                continue;
            }

            _nextDue[source.Name] = now + source.Interval;
            var result = await RefreshAsync(source, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            Refreshed?.Invoke(result);
        }

        return results;
    }

    /// <summary>Runs until cancelled, checking once a minute which feeds are due.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), _time);
        do
        {
            await RefreshDueAsync(cancellationToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task<FeedRefreshResult> RefreshAsync(FeedSource source, CancellationToken cancellationToken)
    {
        string content;
        try
        {
            using var response = await _http.GetAsync(source.Url, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new FeedRefreshResult(source.Name, false, 0, [], 0, $"HTTP {(int)response.StatusCode} from {source.Url}");
            }

            content = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return new FeedRefreshResult(source.Name, false, 0, [], 0, ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FeedRefreshResult(source.Name, false, 0, [], 0, "timed out fetching " + source.Url);
        }

        if ((source.Format ?? FeedParser.Detect(content, Path.GetFileName(source.Url.AbsolutePath))) is not { } format)
        {
            return new FeedRefreshResult(source.Name, false, 0, [], 0, "unrecognised feed format at " + source.Url);
        }

        var parsed = FeedParser.Parse(format, content, source.Name);
        if (parsed.Indicators.Count == 0)
        {
            return new FeedRefreshResult(source.Name, false, 0, [], parsed.Malformed,
                parsed.Errors.Count > 0 ? parsed.Errors[0] : "feed had no indicators; keeping the previous ones");
        }

        var added = _store.Replace(source.Name, parsed.Indicators);
        return new FeedRefreshResult(source.Name, true, parsed.Indicators.Count, added, parsed.Malformed, parsed.Errors.Count > 0 ? parsed.Errors[0] : null);
    }
}
