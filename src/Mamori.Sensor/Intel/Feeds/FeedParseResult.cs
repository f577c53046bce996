using System.Globalization;

namespace Mamori.Sensor.Intel.Feeds;

/// <summary>The formats Mamori imports.</summary>
public enum FeedFormat
{
    /// <summary>abuse.ch Feodo Tracker IP blocklist (text, one address per line, or the CSV).</summary>
    FeodoTracker,
    /// <summary>abuse.ch URLhaus CSV.</summary>
    Urlhaus,
    /// <summary>abuse.ch ThreatFox JSON export (or API response).</summary>
    ThreatFox,
    /// <summary>OpenPhish community feed (text, one URL per line).</summary>
    OpenPhish,
    /// <summary>PhishTank online-valid JSON or CSV.</summary>
    PhishTank,
    /// <summary>MISP event JSON.</summary>
    Misp,
    /// <summary>STIX 2.1 bundle.</summary>
    Stix,
}

/// <summary>Indicators read from a feed, with what was skipped and why.</summary>
public sealed class FeedParseResult
{
    private const int MaxErrors = 20;
    private readonly List<string> _errors = [];

    /// <summary>Feed name.</summary>
    public required string Source { get; init; }

    /// <summary>Indicators read.</summary>
    public List<Indicator> Indicators { get; } = [];

    /// <summary>Records that could not be read (malformed).</summary>
    public int Malformed { get; private set; }

    /// <summary>Well-formed records of a kind Mamori does not match on (hashes, compound STIX patterns...).</summary>
    public int Unsupported { get; private set; }

    /// <summary>The first few errors, each naming its line or record.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Counts a malformed record.</summary>
    public void AddMalformed(string where, string why)
    {
        Malformed++;
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Source} {where}: {why}"));
        }
    }

    /// <summary>Counts a record that is valid but not usable.</summary>
    public void AddUnsupported() => Unsupported++;

    /// <summary>One-line summary.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Source}: {Indicators.Count} indicators, {Malformed} malformed, {Unsupported} unsupported");
}
