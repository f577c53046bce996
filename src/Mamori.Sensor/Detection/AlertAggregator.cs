namespace Mamori.Sensor.Detection;

/// <summary>
/// Collapses alert snapshots with the same <see cref="Alert.Key"/> into one alert.
/// </summary>
/// <remarks>
/// Detectors emit cumulative snapshots of an "episode" (a run of events that crossed a
/// threshold), identified by key and first-seen time. A later snapshot of the same episode
/// replaces the earlier one; a new episode with the same key (after the window expired or the
/// state was evicted) adds to the total. So the count is exact however often a detector reports.
/// </remarks>
public sealed class AlertAggregator : IAlertSink
{
    private readonly Dictionary<(AlertType, string), Entry> _entries = [];
    private readonly List<Entry> _order = [];

    /// <summary>Called for every new alert, not for snapshots that update one.</summary>
    public event Action<Alert>? NewAlert;

    /// <summary>Number of distinct alerts.</summary>
    public int Count => _order.Count;

    /// <inheritdoc />
    public void OnAlert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var key = (alert.Type, alert.Key.Length == 0 ? alert.Src.Ip + "|" + alert.Dst?.Ip + "|" + alert.Dst?.Name : alert.Key);
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new Entry { EpisodeStart = alert.FirstSeen, EpisodeCount = alert.Count, Latest = alert, FirstSeen = alert.FirstSeen };
            _entries.Add(key, entry);
            _order.Add(entry);
            NewAlert?.Invoke(alert);
            return;
        }

        if (alert.FirstSeen != entry.EpisodeStart)
        {
            entry.PreviousEpisodes += entry.EpisodeCount;
            entry.EpisodeStart = alert.FirstSeen;
        }

        entry.EpisodeCount = alert.Count;
        if (alert.FirstSeen < entry.FirstSeen)
        {
            entry.FirstSeen = alert.FirstSeen;
        }

        var lastSeen = alert.LastSeen > entry.Latest.LastSeen ? alert.LastSeen : entry.Latest.LastSeen;
        var severity = alert.Severity > entry.Latest.Severity ? alert.Severity : entry.Latest.Severity;
        entry.Latest = alert with { LastSeen = lastSeen, Severity = severity };
    }

    /// <summary>The aggregated alerts, in the order they were first raised.</summary>
    public IReadOnlyList<Alert> ToList()
    {
        var result = new List<Alert>(_order.Count);
        foreach (var entry in _order)
        {
            result.Add(entry.Latest with { FirstSeen = entry.FirstSeen, Count = entry.PreviousEpisodes + entry.EpisodeCount });
        }

        return result;
    }

    private sealed class Entry
    {
        public DateTimeOffset EpisodeStart { get; set; }
        public long EpisodeCount { get; set; }
        public long PreviousEpisodes { get; set; }
        public DateTimeOffset FirstSeen { get; set; }
        public required Alert Latest { get; set; }
    }
}
