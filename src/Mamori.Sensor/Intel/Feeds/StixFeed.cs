using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mamori.Sensor.Intel.Feeds;

/// <summary>
/// STIX 2.1 bundles: indicator objects whose pattern is one equality comparison on
/// ipv4-addr/ipv6-addr/domain-name/url value ("[domain-name:value = 'evil.example']"). Other
/// patterns (AND/OR, other objects, other operators) and other object types are counted as
/// unsupported. The category is phishing or malware_site when indicator_types, labels or the name
/// say so, c2 otherwise. https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html §9
/// </summary>
public static partial class StixFeed
{
    /// <summary>Parses the feed.</summary>
    public static FeedParseResult Parse(string content, string source)
    {
        var result = new FeedParseResult { Source = source };
        if (!FeedJson.TryParse(content, result, out var document))
        {
            return result;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("objects", out var objects) || objects.ValueKind != JsonValueKind.Array)
            {
                result.AddMalformed("document", "not a STIX bundle (no \"objects\" array)");
                return result;
            }

            var index = 0;
            foreach (var obj in objects.EnumerateArray())
            {
                index++;
                if (ThreatFoxFeed.Text(obj, "type") != "indicator")
                {
                    continue;
                }

                var pattern = ThreatFoxFeed.Text(obj, "pattern");
                var patternType = ThreatFoxFeed.Text(obj, "pattern_type") ?? "stix";
                if (pattern is null)
                {
                    result.AddMalformed($"object {index}", "indicator without a pattern");
                    continue;
                }

                var match = EqualityPattern().Match(pattern);
                if (patternType != "stix" || !match.Success)
                {
                    result.AddUnsupported();
                    continue;
                }

                var objectType = match.Groups["type"].Value;
                var value = match.Groups["value"].Value.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
                var category = CategoryOf(obj);
                var name = ThreatFoxFeed.Text(obj, "name");
                Indicator? indicator = objectType switch
                {
                    "ipv4-addr" or "ipv6-addr" when IntelNormalizer.Ip(value) is { } ip => new Indicator(IndicatorKind.Ip, ip, category, source, name),
                    "domain-name" when IntelNormalizer.Name(value) is { } domain => new Indicator(IndicatorKind.Domain, domain, category, source, name),
                    "url" when IntelNormalizer.UrlKey(value) is not null => new Indicator(IndicatorKind.Url, value, category, source, name),
                    _ => null,
                };
                if (indicator is null)
                {
                    result.AddMalformed($"object {index}", $"bad {objectType} value");
                    continue;
                }

                result.Indicators.Add(indicator);
            }
        }

        return result;
    }

    private static IntelCategory CategoryOf(JsonElement indicator)
    {
        var words = new List<string?> { ThreatFoxFeed.Text(indicator, "name"), ThreatFoxFeed.Text(indicator, "description") };
        foreach (var property in (ReadOnlySpan<string>)["indicator_types", "labels"])
        {
            if (indicator.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array)
            {
                words.AddRange(array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()));
            }
        }

        if (words.Any(w => w?.Contains("phish", StringComparison.OrdinalIgnoreCase) == true))
        {
            return IntelCategory.Phishing;
        }

        return words.Any(w => w is not null && (w.Contains("distribution", StringComparison.OrdinalIgnoreCase) || w.Contains("payload", StringComparison.OrdinalIgnoreCase) || w.Contains("malware-site", StringComparison.OrdinalIgnoreCase)))
            ? IntelCategory.MalwareSite
            : IntelCategory.C2;
    }

    // One comparison, whole pattern: [ <type>:value = '<value>' ]
    [GeneratedRegex(@"^\s*\[\s*(?<type>ipv4-addr|ipv6-addr|domain-name|url)\s*:\s*value\s*=\s*'(?<value>(?:[^'\\]|\\.)*)'\s*\]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex EqualityPattern();
}
