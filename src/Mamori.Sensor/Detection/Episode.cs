namespace Mamori.Sensor.Detection;

/// <summary>
/// A run of related events counted toward one alert, with the snapshot schedule: a detector
/// reports when the threshold is first crossed and again each time the count doubles, and
/// flushes the final count at the end. That keeps alerts fresh without an alert per event.
/// </summary>
public class Episode
{
    /// <summary>Time of the first event of the episode.</summary>
    public DateTimeOffset FirstSeen { get; private set; }

    /// <summary>Time of the latest event.</summary>
    public DateTimeOffset LastSeen { get; private set; }

    /// <summary>Events counted in the episode.</summary>
    public long Count { get; private set; }

    /// <summary>True once the episode crossed its threshold and was reported.</summary>
    public bool Alerted { get; private set; }

    /// <summary>Count at the last report.</summary>
    public long ReportedCount { get; private set; }

    private long _nextReport;

    /// <summary>Starts a new episode at <paramref name="now"/>.</summary>
    public void Restart(DateTimeOffset now)
    {
        FirstSeen = now;
        LastSeen = now;
        Count = 0;
        Alerted = false;
        ReportedCount = 0;
        _nextReport = 0;
        OnRestart();
    }

    /// <summary>Counts one event (or <paramref name="n"/>).</summary>
    public void Add(DateTimeOffset now, long n = 1)
    {
        if (Count == 0 && FirstSeen == default)
        {
            FirstSeen = now;
        }

        if (now > LastSeen)
        {
            LastSeen = now;
        }

        Count += n;
    }

    /// <summary>True when the episode window (from its first event) has passed.</summary>
    public bool IsExpired(DateTimeOffset now, TimeSpan window) => Count > 0 && now - FirstSeen > window;

    /// <summary>
    /// Given that the threshold condition holds now, decides whether to report: the first time,
    /// and then whenever the count has doubled since.
    /// </summary>
    public bool ShouldReport()
    {
        if (!Alerted)
        {
            Alerted = true;
            ReportedCount = Count;
            _nextReport = Math.Max(2, Count * 2);
            return true;
        }

        if (Count >= _nextReport)
        {
            ReportedCount = Count;
            _nextReport = Count * 2;
            return true;
        }

        return false;
    }

    /// <summary>True when an alerted episode has events not yet reported (flush it).</summary>
    public bool HasUnreported => Alerted && Count > ReportedCount;

    /// <summary>Marks the current count as reported (after a flush).</summary>
    public void MarkReported() => ReportedCount = Count;

    /// <summary>Hook for derived state to clear its own counters.</summary>
    protected virtual void OnRestart()
    {
    }
}
