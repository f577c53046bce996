namespace Mamori.Sensor.Intel;

/// <summary>
/// Indicators per feed, and the merged <see cref="ThreatIntelSet"/> detectors read. Replacing a
/// feed rebuilds the merged set off to the side and swaps it in, so readers never see half a feed.
/// </summary>
public sealed class ThreatIntelStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IReadOnlyList<Indicator>> _feeds = new(StringComparer.Ordinal);
    private volatile ThreatIntelSet _current = ThreatIntelSet.Empty;

    /// <summary>The merged set (safe to read from any thread).</summary>
    public ThreatIntelSet Current => _current;

    /// <summary>Replaces the indicators of one feed; returns the ones that were not in the merged set before.</summary>
    public IReadOnlyList<Indicator> Replace(string source, IReadOnlyList<Indicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(indicators);
        lock (_gate)
        {
            var before = _current;
            _feeds[source] = indicators;
            var merged = new ThreatIntelSet(_feeds.Values.SelectMany(i => i));
            var added = new List<Indicator>();
            var probe = new ThreatIntelSet();
            foreach (var indicator in before.All())
            {
                probe.Add(indicator);
            }

            foreach (var indicator in indicators)
            {
                if (probe.Add(indicator))
                {
                    added.Add(indicator);
                }
            }

            _current = merged;
            return added;
        }
    }
}
