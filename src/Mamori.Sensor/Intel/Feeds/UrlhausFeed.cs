namespace Mamori.Sensor.Intel.Feeds;

/// <summary>
/// abuse.ch URLhaus CSV: "id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter"
/// with '#' comment lines. Every URL is a malware distribution site.
/// https://urlhaus.abuse.ch/api/#csv
/// </summary>
public static class UrlhausFeed
{
    /// <summary>Parses the feed.</summary>
    public static FeedParseResult Parse(string content, string source)
    {
        var result = new FeedParseResult { Source = source };
        foreach (var (number, raw) in FeedParser.Lines(content))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("id,", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = FeedParser.SplitCsv(line);
            if (fields is not { Count: >= 3 } || IntelNormalizer.UrlKey(fields[2]) is null)
            {
                result.AddMalformed($"line {number}", "expected a CSV row with an http(s) URL in the third column");
                continue;
            }

            var threat = fields.Count >= 6 ? fields[5] : null;
            result.Indicators.Add(new Indicator(IndicatorKind.Url, fields[2], IntelCategory.MalwareSite, source, threat));
        }

        return result;
    }
}
