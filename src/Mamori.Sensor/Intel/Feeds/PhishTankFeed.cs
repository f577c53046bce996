using System.Text.Json;

namespace Mamori.Sensor.Intel.Feeds;

/// <summary>
/// PhishTank "online-valid" database, JSON (an array of {"phish_id","url","target",...}) or CSV
/// ("phish_id,url,phish_detail_url,submission_time,verified,verification_time,online,target").
/// https://phishtank.org/developer_info.php
/// </summary>
public static class PhishTankFeed
{
    /// <summary>Parses the feed.</summary>
    public static FeedParseResult Parse(string content, string source)
    {
        ArgumentNullException.ThrowIfNull(content);
        var result = new FeedParseResult { Source = source };
        if (content.AsSpan().TrimStart().StartsWith("["))
        {
            ParseJson(content, result, source);
        }
        else
        {
            ParseCsv(content, result, source);
        }

        return result;
    }

    private static void ParseJson(string content, FeedParseResult result, string source)
    {
        if (!FeedJson.TryParse(content, result, out var document))
        {
            return;
        }

        using (document)
        {
            var index = 0;
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                index++;
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String)
                {
                    result.AddMalformed($"entry {index}", "no \"url\" string");
                    continue;
                }

                var target = entry.TryGetProperty("target", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                OpenPhishFeed.AddPhishingUrl(result, url.GetString()!, $"entry {index}", source, target);
            }
        }
    }

    private static void ParseCsv(string content, FeedParseResult result, string source)
    {
        foreach (var (number, raw) in FeedParser.Lines(content))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("phish_id", StringComparison.Ordinal) || line.StartsWith('#'))
            {
                continue;
            }

            var fields = FeedParser.SplitCsv(line);
            if (fields is not { Count: >= 2 })
            {
                result.AddMalformed($"line {number}", "expected phish_id,url,...");
                continue;
            }

            OpenPhishFeed.AddPhishingUrl(result, fields[1], $"line {number}", source, fields.Count >= 8 ? fields[7] : null);
        }
    }
}
