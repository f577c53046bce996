using Mamori.Sensor.Events;

namespace Mamori.Sensor.Detection;

/// <summary>
/// A streaming detector: events in, alerts out. Time comes only from the events, so the same
/// input always gives the same alerts. State is bounded (see <see cref="BoundedStateTable{TKey,TState}"/>).
/// </summary>
public interface IDetector
{
    /// <summary>Short name for statistics ("port_scan", ...).</summary>
    string Name { get; }

    /// <summary>Consumes one event; may raise or update alerts.</summary>
    void OnEvent(MetadataEvent metadataEvent, IAlertSink sink);

    /// <summary>End of input: report episodes whose last snapshot is out of date.</summary>
    void Flush(IAlertSink sink);

    /// <summary>Current state size and how much was evicted.</summary>
    DetectorStats Stats { get; }
}

/// <summary>State statistics of a detector.</summary>
/// <param name="TrackedKeys">Keys held now.</param>
/// <param name="Evictions">Keys dropped because a table was full.</param>
/// <param name="Expirations">Keys dropped because they were idle.</param>
public readonly record struct DetectorStats(long TrackedKeys, long Evictions, long Expirations)
{
    /// <summary>Sum of two statistics.</summary>
    public static DetectorStats operator +(DetectorStats a, DetectorStats b) =>
        new(a.TrackedKeys + b.TrackedKeys, a.Evictions + b.Evictions, a.Expirations + b.Expirations);

    /// <summary>Statistics of one table.</summary>
    public static DetectorStats Of<TKey, TState>(BoundedStateTable<TKey, TState> table)
        where TKey : notnull
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(table);
        return new(table.Count, table.Evictions, table.Expirations);
    }

    /// <summary>Named alternative to the + operator.</summary>
    public static DetectorStats Add(DetectorStats left, DetectorStats right) => left + right;
}
