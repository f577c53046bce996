namespace Mamori.Sensor.Intel.Feeds;

/// <summary>
/// OpenPhish community feed: one phishing URL per line (https://openphish.com/feed.txt).
/// Each URL is indexed as a URL; its host is indexed as a host name too, because HTTPS visits
/// show only the name (DNS, TLS SNI).
/// </summary>
public static class OpenPhishFeed
{
    /// <summary>Parses the feed.</summary>
    public static FeedParseResult Parse(string content, string source)
    {
        var result = new FeedParseResult { Source = source };
        foreach (var (number, raw) in FeedParser.Lines(content))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            AddPhishingUrl(result, line, $"line {number}", source);
        }

        return result;
    }

    /// <summary>Adds a phishing URL and its host (shared with PhishTank).</summary>
    internal static void AddPhishingUrl(FeedParseResult result, string url, string where, string source, string? description = null)
    {
        if (IntelNormalizer.UrlKey(url) is null || !Uri.TryCreate(url.Contains("://", StringComparison.Ordinal) ? url : "http://" + url, UriKind.Absolute, out var uri))
        {
            result.AddMalformed(where, "not an http(s) URL");
            return;
        }

        result.Indicators.Add(new Indicator(IndicatorKind.Url, url, IntelCategory.Phishing, source, description));
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IntelNormalizer.Ip(uri.Host.Trim('[', ']')) is { } ip)
        {
            result.Indicators.Add(new Indicator(IndicatorKind.Ip, ip, IntelCategory.Phishing, source, description));
        }
        else if (IntelNormalizer.Name(uri.IdnHost) is { } host)
        {
            result.Indicators.Add(new Indicator(IndicatorKind.Hostname, host, IntelCategory.Phishing, source, description));
        }
    }
}
