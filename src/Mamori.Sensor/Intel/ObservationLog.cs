using System.Net;
using Mamori.Sensor.Detection;

namespace Mamori.Sensor.Intel;

/// <summary>What was observed: a name looked up or visited, a URL, or a remote address.</summary>
public enum ObservationKind
{
    /// <summary>DNS query name, TLS SNI or HTTP host.</summary>
    Name,
    /// <summary>HTTP URL (host + target).</summary>
    Url,
    /// <summary>Remote address of a connection.</summary>
    Ip,
}

/// <summary>A stored summary of DNS/TLS/HTTP/connection metadata, for the retro-hunt.</summary>
public sealed class Observation
{
    /// <summary>Kind.</summary>
    public required ObservationKind Kind { get; init; }

    /// <summary>Name, URL key ("host/path?query", see <see cref="IntelNormalizer.UrlKey(string)"/>) or address.</summary>
    public required string Value { get; init; }

    /// <summary>The local side that made the contact.</summary>
    public required IPAddress Client { get; init; }

    /// <summary>First contact.</summary>
    public DateTimeOffset FirstSeen { get; set; }

    /// <summary>Last contact.</summary>
    public DateTimeOffset LastSeen { get; set; }

    /// <summary>Contacts.</summary>
    public long Count { get; set; }
}

/// <summary>
/// A bounded log of distinct (client, name/URL/address) contacts, so that an indicator a feed
/// adds tomorrow can be hunted in what happened today. Least recently seen entries are evicted.
/// </summary>
public sealed class ObservationLog
{
    private readonly BoundedStateTable<(ObservationKind, string, IPAddress), Observation> _table;

    /// <summary>Creates a log holding at most <paramref name="capacity"/> distinct contacts for <paramref name="retention"/>.</summary>
    public ObservationLog(int capacity, TimeSpan retention)
    {
        _table = new(capacity, retention, key => new Observation { Kind = key.Item1, Value = key.Item2, Client = key.Item3 });
    }

    /// <summary>Distinct contacts held.</summary>
    public int Count => _table.Count;

    /// <summary>Contacts dropped because the log was full.</summary>
    public long Evictions => _table.Evictions;

    /// <summary>Records a contact.</summary>
    public void Record(ObservationKind kind, string value, IPAddress client, DateTimeOffset at)
    {
        var observation = _table.Touch((kind, value, client), at);
        if (observation.Count == 0)
        {
            observation.FirstSeen = at;
        }

        observation.LastSeen = at;
        observation.Count++;
    }

    /// <summary>All contacts held.</summary>
    public IEnumerable<Observation> All() => _table.Entries().Select(e => e.Value);
}
