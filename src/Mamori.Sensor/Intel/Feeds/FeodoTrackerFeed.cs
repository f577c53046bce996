namespace Mamori.Sensor.Intel.Feeds;

/// <summary>
/// abuse.ch Feodo Tracker botnet C&amp;C IP blocklist: the text list (one address per line, '#'
/// comments) or the CSV ("first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware").
/// https://feodotracker.abuse.ch/blocklist/
/// </summary>
public static class FeodoTrackerFeed
{
    /// <summary>Parses the feed.</summary>
    public static FeedParseResult Parse(string content, string source)
    {
        var result = new FeedParseResult { Source = source };
        foreach (var (number, raw) in FeedParser.Lines(content))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("\"first_seen", StringComparison.Ordinal) || line.StartsWith("first_seen", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.Contains(',', StringComparison.Ordinal))
            {
                var fields = FeedParser.SplitCsv(line);
                var ip = fields is { Count: >= 2 } ? IntelNormalizer.Ip(fields[1]) : null;
                if (ip is null)
                {
                    result.AddMalformed($"line {number}", "expected a CSV row with an IP address in the second column");
                    continue;
                }

                result.Indicators.Add(new Indicator(IndicatorKind.Ip, ip, IntelCategory.C2, source, fields!.Count >= 6 ? fields[5] : null));
                continue;
            }

            var address = IntelNormalizer.Ip(line);
            if (address is null)
            {
                result.AddMalformed($"line {number}", "not an IP address");
                continue;
            }

            result.Indicators.Add(new Indicator(IndicatorKind.Ip, address, IntelCategory.C2, source, "botnet C&C"));
        }

        return result;
    }
}
