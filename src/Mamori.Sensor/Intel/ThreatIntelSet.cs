using System.Net;

namespace Mamori.Sensor.Intel;

/// <summary>
/// An immutable-after-build set of indicators with constant-time look-ups: hash sets for
/// addresses, host names and URLs, and a walk up the labels of a name for domains (at most one
/// hash probe per label).
/// </summary>
public sealed class ThreatIntelSet
{
    private readonly Dictionary<IPAddress, Indicator> _ips = [];
    private readonly Dictionary<string, Indicator> _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Indicator> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Indicator> _urls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Indicator>.AlternateLookup<ReadOnlySpan<char>> _domainLookup;
    private readonly Dictionary<string, Indicator>.AlternateLookup<ReadOnlySpan<char>> _hostLookup;

    /// <summary>Creates an empty set.</summary>
    public ThreatIntelSet()
    {
        _domainLookup = _domains.GetAlternateLookup<ReadOnlySpan<char>>();
        _hostLookup = _hosts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Creates a set holding <paramref name="indicators"/>.</summary>
    public ThreatIntelSet(IEnumerable<Indicator> indicators)
        : this()
    {
        ArgumentNullException.ThrowIfNull(indicators);
        foreach (var indicator in indicators)
        {
            Add(indicator);
        }
    }

    /// <summary>An empty set.</summary>
    public static ThreatIntelSet Empty { get; } = new();

    /// <summary>Number of indicators.</summary>
    public int Count => _ips.Count + _domains.Count + _hosts.Count + _urls.Count;

    /// <summary>Adds an indicator; returns false when the same value was already present (the first wins).</summary>
    public bool Add(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        switch (indicator.Kind)
        {
            case IndicatorKind.Ip:
                return IPAddress.TryParse(indicator.Value, out var address) && _ips.TryAdd(Canonical(address), indicator);
            case IndicatorKind.Domain:
                return _domains.TryAdd(indicator.Value, indicator);
            case IndicatorKind.Hostname:
                return _hosts.TryAdd(indicator.Value, indicator);
            case IndicatorKind.Url:
                var key = IntelNormalizer.UrlKey(indicator.Value);
                return key is not null && _urls.TryAdd(key, indicator);
            default:
                return false;
        }
    }

    /// <summary>All indicators.</summary>
    public IEnumerable<Indicator> All() => _ips.Values.Concat(_domains.Values).Concat(_hosts.Values).Concat(_urls.Values);

    /// <summary>Looks an address up.</summary>
    public Indicator? MatchIp(IPAddress? address) =>
        address is not null && _ips.TryGetValue(Canonical(address), out var indicator) ? indicator : null;

    /// <summary>Looks a DNS name up: exact host names first, then the name and each parent domain.</summary>
    public Indicator? MatchName(ReadOnlySpan<char> name)
    {
        name = name.TrimEnd('.');
        if (name.IsEmpty)
        {
            return null;
        }

        if (_hostLookup.TryGetValue(name, out var host))
        {
            return host;
        }

        var current = name;
        while (true)
        {
            if (_domainLookup.TryGetValue(current, out var domain))
            {
                return domain;
            }

            var dot = current.IndexOf('.');
            if (dot < 0 || dot == current.Length - 1)
            {
                return null;
            }

            current = current[(dot + 1)..];
        }
    }

    /// <summary>Looks an HTTP request up: the URL (host + path and query) first, then the host name.</summary>
    public Indicator? MatchHttp(string? host, string uri)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        return MatchHttpKey(host, IntelNormalizer.UrlKey(host, uri));
    }

    /// <summary>
    /// <see cref="MatchHttp"/> for a request whose key (<see cref="IntelNormalizer.UrlKey(string, string)"/>)
    /// the caller already has, so it is not computed twice.
    /// </summary>
    public Indicator? MatchHttpKey(string? host, string? urlKey)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        if (urlKey is not null && _urls.TryGetValue(urlKey, out var url))
        {
            return url;
        }

        var hostOnly = IntelNormalizer.StripPort(host);
        return MatchName(hostOnly) ?? (IPAddress.TryParse(hostOnly, out var ip) ? MatchIp(ip) : null);
    }

    private static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
