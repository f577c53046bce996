using System.Collections.Concurrent;
using Mamori.Sensor.Intel;
using Mamori.Web.Data;
using Mamori.Web.Features.Ingest;
using Mamori.Web.Features.Sensors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Intel;

/// <summary>One feed refresh on the server and the retro-hunt it started.</summary>
/// <param name="At">When.</param>
/// <param name="Source">The feed (host and path of its URL).</param>
/// <param name="Succeeded">False when the fetch or the parse failed (the feed's previous indicators stay).</param>
/// <param name="Indicators">Indicators the feed holds now.</param>
/// <param name="Added">Indicators new to the operator's merged set (what was hunted for).</param>
/// <param name="Hits">Findings in stored traffic.</param>
/// <param name="AlertsRaised">New alerts stored.</param>
/// <param name="Error">Why the refresh failed, or the first parse error.</param>
public sealed record RetroHuntRun(
    DateTimeOffset At, string Source, bool Succeeded, int Indicators, int Added, int Hits, int AlertsRaised, string? Error);

/// <summary>
/// The server's copy of each operator's feeds (a <see cref="ThreatIntelStore"/> and a
/// <see cref="FeedRefresher"/> per operator, rebuilt when the operator's feed URLs change) and the
/// latest runs for the retro-hunt page. In memory: after a restart the first refresh finds every
/// indicator new and hunts for all of them, which raises nothing twice (alerts are keyed).
/// </summary>
public sealed class IntelFeedState(HttpClient http, TimeProvider time, IOptions<RetroHuntOptions> options)
{
    public const string HttpClientName = "mamori-intel-feeds";
    private const int RunsKept = 50;

    private readonly ConcurrentDictionary<int, OperatorFeeds> _operators = new();

    /// <summary>The refresher for the operator's current feed URLs.</summary>
    public FeedRefresher RefresherFor(int operatorId, IReadOnlyList<Uri> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var key = string.Join('\n', urls.Select(u => u.AbsoluteUri).Order(StringComparer.Ordinal));
        var feeds = _operators.GetOrAdd(operatorId, _ => new OperatorFeeds());
        lock (feeds)
        {
            if (feeds.Refresher is null || feeds.UrlsKey != key)
            {
                // The store (what is already known) survives a change of URLs: only truly new indicators are hunted.
                var sources = urls.Select(u => new FeedSource { Name = u.Host + u.AbsolutePath, Url = u, Interval = options.Value.RefreshInterval });
                feeds.Refresher = new FeedRefresher(http, time, feeds.Store, sources);
                feeds.UrlsKey = key;
            }

            return feeds.Refresher;
        }
    }

    /// <summary>Drops operators that no longer have any feed.</summary>
    public void Keep(IReadOnlyCollection<int> operatorIds)
    {
        ArgumentNullException.ThrowIfNull(operatorIds);
        foreach (var id in _operators.Keys.Where(id => !operatorIds.Contains(id)))
        {
            _operators.TryRemove(id, out _);
        }
    }

    public void Record(int operatorId, RetroHuntRun run)
    {
        var feeds = _operators.GetOrAdd(operatorId, _ => new OperatorFeeds());
        lock (feeds)
        {
            feeds.Runs.Insert(0, run);
            if (feeds.Runs.Count > RunsKept)
            {
                feeds.Runs.RemoveAt(feeds.Runs.Count - 1);
            }
        }
    }

    /// <summary>The operator's latest runs, newest first.</summary>
    public IReadOnlyList<RetroHuntRun> Runs(int operatorId)
    {
        if (!_operators.TryGetValue(operatorId, out var feeds))
        {
            return [];
        }

        lock (feeds)
        {
            return [.. feeds.Runs];
        }
    }

    /// <summary>Indicators the server currently holds for the operator.</summary>
    public int IndicatorCount(int operatorId) => _operators.TryGetValue(operatorId, out var feeds) ? feeds.Store.Current.Count : 0;

    private sealed class OperatorFeeds
    {
        public ThreatIntelStore Store { get; } = new();

        public FeedRefresher? Refresher { get; set; }

        public string? UrlsKey { get; set; }

        public List<RetroHuntRun> Runs { get; } = [];
    }
}

/// <summary>
/// One pass of the server's feed watcher: for every operator with feed URLs in its sensor settings,
/// refresh the feeds that are due and hunt for what they added in the stored summaries, raising
/// alerts. Runs as the system tenant (every operator); each hunt is confined to its operator.
/// </summary>
public sealed class HuntNewIndicatorsHandler(AppDbContext db, HuntStoredTrafficHandler hunt, IntelFeedState state, TimeProvider time, IOptions<RetroHuntOptions> options)
{
    public async Task<IReadOnlyList<RetroHuntRun>> HandleAsync(CancellationToken cancellationToken)
    {
        var settings = await db.Set<SensorSettings>().AsNoTracking()
            .Select(s => new { s.OperatorId, s.IntelFeedUrls })
            .ToListAsync(cancellationToken);
        var byOperator = settings
            .GroupBy(s => s.OperatorId)
            .Select(g => (OperatorId: g.Key, Urls: g
                .SelectMany(s => GetSensorConfigurationHandler.SplitUrls(s.IntelFeedUrls))
                .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null)
                .OfType<Uri>()
                .DistinctBy(u => u.AbsoluteUri)
                .ToList()))
            .Where(o => o.Urls.Count > 0)
            .ToList();
        state.Keep([.. byOperator.Select(o => o.OperatorId)]);

        var runs = new List<RetroHuntRun>();
        foreach (var (operatorId, urls) in byOperator)
        {
            var results = await state.RefresherFor(operatorId, urls).RefreshDueAsync(cancellationToken);
            foreach (var result in results)
            {
                var found = RetroHuntResult.Empty;
                if (result.Added.Count > 0)
                {
                    found = await hunt.HandleAsync(
                        new RetroHuntRequest(operatorId, result.Added, time.GetUtcNow() - options.Value.Lookback, RaiseAlerts: true),
                        cancellationToken);
                }

                var run = new RetroHuntRun(time.GetUtcNow(), result.Source, result.Succeeded, result.Indicators, result.Added.Count,
                    found.Hits.Count, found.AlertsRaised, result.Error);
                state.Record(operatorId, run);
                runs.Add(run);
            }
        }

        return runs;
    }
}
