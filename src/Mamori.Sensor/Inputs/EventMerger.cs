using Mamori.Sensor.Events;

namespace Mamori.Sensor.Inputs;

/// <summary>
/// Merges several time-ordered event streams (conn.log and dns.log, or a capture and a host log)
/// into one stream in timestamp order, so windowed detectors see time move forward.
/// </summary>
public static class EventMerger
{
    /// <summary>K-way merge by <see cref="MetadataEvent.Timestamp"/>; ties keep source order.</summary>
    public static IEnumerable<MetadataEvent> Merge(IReadOnlyList<IEnumerable<MetadataEvent>> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var enumerators = new List<IEnumerator<MetadataEvent>>(sources.Count);
        try
        {
            var queue = new PriorityQueue<int, (DateTimeOffset, int)>();
            for (var i = 0; i < sources.Count; i++)
            {
                var e = sources[i].GetEnumerator();
                enumerators.Add(e);
                if (e.MoveNext())
                {
                    queue.Enqueue(i, (e.Current.Timestamp, i));
                }
            }

            while (queue.TryDequeue(out var index, out _))
            {
                var e = enumerators[index];
                yield return e.Current;
                if (e.MoveNext())
                {
                    queue.Enqueue(index, (e.Current.Timestamp, index));
                }
            }
        }
        finally
        {
            foreach (var e in enumerators)
            {
                e.Dispose();
            }
        }
    }
}
