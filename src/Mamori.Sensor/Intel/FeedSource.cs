using Mamori.Sensor.Intel.Feeds;

namespace Mamori.Sensor.Intel;

/// <summary>A feed to fetch on a schedule (bindable from configuration).</summary>
public sealed class FeedSource
{
    /// <summary>Name used as the indicators' source.</summary>
    public required string Name { get; set; }

    /// <summary>Where to fetch it.</summary>
    public required Uri Url { get; set; }

    /// <summary>Format, or null to recognise it from the content and the URL's file name.</summary>
    public FeedFormat? Format { get; set; }

    /// <summary>How often to fetch (abuse.ch asks for no more than every 5 min; hourly is plenty).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>What one refresh of one feed did.</summary>
/// <param name="Source">Feed name.</param>
/// <param name="Succeeded">False when the fetch failed (the previous indicators stay).</param>
/// <param name="Indicators">Indicators now held for the feed.</param>
/// <param name="Added">Indicators new to the merged set (input for the retro-hunt).</param>
/// <param name="Malformed">Records skipped as malformed.</param>
/// <param name="Error">Why the fetch failed, or the first parse error.</param>
public sealed record FeedRefreshResult(string Source, bool Succeeded, int Indicators, IReadOnlyList<Indicator> Added, int Malformed, string? Error);
