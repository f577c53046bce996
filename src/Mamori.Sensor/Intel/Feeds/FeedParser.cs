namespace Mamori.Sensor.Intel.Feeds;

/// <summary>Parses a feed by format, and guesses a format from content.</summary>
public static class FeedParser
{
    /// <summary>Parses <paramref name="content"/>; never throws for bad records, only counts them.</summary>
    public static FeedParseResult Parse(FeedFormat format, string content, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        return format switch
        {
            FeedFormat.FeodoTracker => FeodoTrackerFeed.Parse(content, source ?? "feodotracker"),
            FeedFormat.Urlhaus => UrlhausFeed.Parse(content, source ?? "urlhaus"),
            FeedFormat.ThreatFox => ThreatFoxFeed.Parse(content, source ?? "threatfox"),
            FeedFormat.OpenPhish => OpenPhishFeed.Parse(content, source ?? "openphish"),
            FeedFormat.PhishTank => PhishTankFeed.Parse(content, source ?? "phishtank"),
            FeedFormat.Misp => MispFeed.Parse(content, source ?? "misp"),
            FeedFormat.Stix => StixFeed.Parse(content, source ?? "stix"),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    /// <summary>Guesses the format of a file from its content (and name), or null.</summary>
    public static FeedFormat? Detect(string content, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var head = content.AsSpan(0, Math.Min(content.Length, 4096));
        var name = Path.GetFileName(fileName ?? "").ToLowerInvariant();
        if (head.Contains("\"type\": \"bundle\"", StringComparison.Ordinal) || head.Contains("\"type\":\"bundle\"", StringComparison.Ordinal))
        {
            return FeedFormat.Stix;
        }

        if (head.Contains("\"Event\"", StringComparison.Ordinal) || head.Contains("\"Attribute\"", StringComparison.Ordinal))
        {
            return FeedFormat.Misp;
        }

        if (head.Contains("\"ioc_value\"", StringComparison.Ordinal) || head.Contains("\"ioc_type\"", StringComparison.Ordinal) || head.Contains("\"ioc\"", StringComparison.Ordinal))
        {
            return FeedFormat.ThreatFox;
        }

        if (head.Contains("phish_id", StringComparison.Ordinal))
        {
            return FeedFormat.PhishTank;
        }

        if (head.Contains("urlhaus", StringComparison.OrdinalIgnoreCase) || head.Contains("url_status", StringComparison.Ordinal))
        {
            return FeedFormat.Urlhaus;
        }

        if (head.Contains("feodo", StringComparison.OrdinalIgnoreCase) || name.Contains("ipblocklist", StringComparison.Ordinal))
        {
            return FeedFormat.FeodoTracker;
        }

        if (name.Contains("openphish", StringComparison.Ordinal) || head.TrimStart().StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return FeedFormat.OpenPhish;
        }

        return null;
    }

    /// <summary>Splits CSV fields, honouring double quotes (RFC 4180); returns null for an unterminated quote.</summary>
    public static List<string>? SplitCsv(ReadOnlySpan<char> line)
    {
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var builder = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return null;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            builder.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    builder.Append(line[i++]);
                }

                fields.Add(builder.ToString());
                if (i < line.Length && line[i] != ',')
                {
                    return null;
                }
            }
            else
            {
                var comma = line[i..].IndexOf(',');
                var end = comma < 0 ? line.Length : i + comma;
                fields.Add(line[i..end].Trim().ToString());
                i = end;
            }

            if (i >= line.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }

    /// <summary>Enumerates lines with 1-based numbers.</summary>
    public static IEnumerable<(int Number, string Text)> Lines(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var reader = new StringReader(content);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            yield return (number, line);
        }
    }
}
