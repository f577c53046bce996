using System.Text.Json;

namespace Mamori.Sensor.Intel.Feeds;

/// <summary>
/// abuse.ch ThreatFox JSON: the export ({"&lt;id&gt;": [{"ioc_value","ioc_type","threat_type","malware_printable",...}]})
/// or an API response ({"query_status":"ok","data":[{"ioc","ioc_type","threat_type",...}]}).
/// ioc_type ip:port, domain and url are used; hashes are counted as unsupported.
/// threat_type botnet_cc → c2, payload_delivery → malware_site.
/// https://threatfox.abuse.ch/export/
/// </summary>
public static class ThreatFoxFeed
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
            if (root.ValueKind != JsonValueKind.Object)
            {
                result.AddMalformed("document", "expected a JSON object");
                return result;
            }

            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var entry in data.EnumerateArray())
                {
                    ReadEntry(entry, $"entry {++index}", result, source);
                }

                return result;
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    result.AddMalformed($"id {property.Name}", "expected an array of IOCs");
                    continue;
                }

                foreach (var entry in property.Value.EnumerateArray())
                {
                    ReadEntry(entry, $"id {property.Name}", result, source);
                }
            }
        }

        return result;
    }

    private static void ReadEntry(JsonElement entry, string where, FeedParseResult result, string source)
    {
        var value = Text(entry, "ioc_value") ?? Text(entry, "ioc");
        var type = Text(entry, "ioc_type");
        if (value is null || type is null)
        {
            result.AddMalformed(where, "missing ioc_value or ioc_type");
            return;
        }

        var category = Text(entry, "threat_type") switch
        {
            "payload_delivery" => IntelCategory.MalwareSite,
            _ => IntelCategory.C2,
        };
        var description = Text(entry, "malware_printable") ?? Text(entry, "malware");
        switch (type)
        {
            case "ip:port":
                if (IntelNormalizer.Ip(value) is { } ip)
                {
                    result.Indicators.Add(new Indicator(IndicatorKind.Ip, ip, category, source, description));
                }
                else
                {
                    result.AddMalformed(where, "bad ip:port value");
                }

                break;
            case "domain":
                if (IntelNormalizer.Name(value) is { } name)
                {
                    result.Indicators.Add(new Indicator(IndicatorKind.Domain, name, category, source, description));
                }
                else
                {
                    result.AddMalformed(where, "bad domain value");
                }

                break;
            case "url":
                if (IntelNormalizer.UrlKey(value) is not null)
                {
                    result.Indicators.Add(new Indicator(IndicatorKind.Url, value, category, source, description));
                }
                else
                {
                    result.AddMalformed(where, "bad url value");
                }

                break;
            default:
                result.AddUnsupported();
                break;
        }
    }

    internal static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
