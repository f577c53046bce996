using Mamori.Sensor.Intel;
using Mamori.Sensor.Intel.Feeds;

namespace Mamori.Web.Features.Intel;

/// <summary>What an analyst pasted, read as indicators.</summary>
/// <param name="Indicators">The indicators read.</param>
/// <param name="Rejected">Lines (1-based numbers and text) that are neither an address, a name nor a URL.</param>
/// <param name="Format">The feed format recognised, or null for a plain list.</param>
public sealed record IndicatorListResult(IReadOnlyList<Indicator> Indicators, IReadOnlyList<(int Line, string Text)> Rejected, FeedFormat? Format);

/// <summary>
/// Reads the retro-hunt page's input: a whole feed in any format the sensors import (MISP, STIX,
/// ThreatFox, URLhaus, PhishTank, Feodo Tracker), or a plain list with one IP address, domain or URL
/// per line ('#' starts a comment). Stored summaries keep names, not paths, so a URL in a plain list
/// is hunted by its host name.
/// </summary>
public static class IndicatorList
{
    public const int MaxLines = 100_000;

    public static IndicatorListResult Parse(string text, IntelCategory category, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var format = FeedParser.Detect(text);
        if (format is { } recognised && recognised != FeedFormat.OpenPhish)
        {
            var feed = FeedParser.Parse(recognised, text, source);
            if (feed.Indicators.Count > 0)
            {
                return new IndicatorListResult(feed.Indicators, [], recognised);
            }
        }

        var indicators = new List<Indicator>();
        var rejected = new List<(int, string)>();
        foreach (var (number, raw) in FeedParser.Lines(text).Take(MaxLines))
        {
            var line = raw.Trim();
            var comment = line.IndexOf('#', StringComparison.Ordinal);
            line = (comment >= 0 ? line[..comment] : line).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (IntelNormalizer.Ip(line) is { } address)
            {
                indicators.Add(new Indicator(IndicatorKind.Ip, address, category, source));
            }
            else if (line.Contains("://", StringComparison.Ordinal))
            {
                var host = IntelNormalizer.UrlKey(line) is { } key ? IntelNormalizer.Name(IntelNormalizer.StripPort(key.Split('/')[0])) : null;
                if (host is null)
                {
                    rejected.Add((number, raw));
                    continue;
                }

                indicators.Add(new Indicator(IndicatorKind.Hostname, host, category, source));
            }
            else if (IntelNormalizer.Name(line) is { } name)
            {
                indicators.Add(new Indicator(IndicatorKind.Domain, name, category, source));
            }
            else
            {
                rejected.Add((number, raw));
            }
        }

        return new IndicatorListResult(indicators, rejected, null);
    }
}
