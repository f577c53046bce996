using System.Text.Json;

namespace Mamori.Sensor.Intel.Feeds;

/// <summary>
/// MISP event JSON ({"Event": {"info", "Tag": [...], "Attribute": [...], "Object": [{"Attribute": [...]}]}},
/// or a list of such events, or {"response": [...]}). Attribute types ip-dst, ip-src, domain,
/// hostname, url, and the composites ip-dst|port and domain|ip are used; others are counted as
/// unsupported. The category is phishing when the event or attribute is tagged or described as
/// phishing, malware_site for the "Payload delivery" category, c2 otherwise.
/// https://www.misp-project.org/datamodels/
/// </summary>
public static class MispFeed
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
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("response", out var response))
            {
                root = response;
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in root.EnumerateArray())
                {
                    ReadEvent(item, result, source);
                }
            }
            else
            {
                ReadEvent(root, result, source);
            }
        }

        return result;
    }

    private static void ReadEvent(JsonElement item, FeedParseResult result, string source)
    {
        var ev = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("Event", out var inner) ? inner : item;
        if (ev.ValueKind != JsonValueKind.Object)
        {
            result.AddMalformed("event", "expected an object");
            return;
        }

        var info = ThreatFoxFeed.Text(ev, "info");
        var eventPhishing = IsPhishing(info) || HasPhishingTag(ev);
        var index = 0;
        if (ev.TryGetProperty("Attribute", out var attributes) && attributes.ValueKind == JsonValueKind.Array)
        {
            foreach (var attribute in attributes.EnumerateArray())
            {
                ReadAttribute(attribute, $"attribute {++index}", eventPhishing, info, result, source);
            }
        }

        if (ev.TryGetProperty("Object", out var objects) && objects.ValueKind == JsonValueKind.Array)
        {
            foreach (var obj in objects.EnumerateArray())
            {
                if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("Attribute", out var objectAttributes) && objectAttributes.ValueKind == JsonValueKind.Array)
                {
                    foreach (var attribute in objectAttributes.EnumerateArray())
                    {
                        ReadAttribute(attribute, $"attribute {++index}", eventPhishing, info, result, source);
                    }
                }
            }
        }
    }

    private static void ReadAttribute(JsonElement attribute, string where, bool eventPhishing, string? info, FeedParseResult result, string source)
    {
        var type = ThreatFoxFeed.Text(attribute, "type");
        var value = ThreatFoxFeed.Text(attribute, "value");
        if (type is null || value is null)
        {
            result.AddMalformed(where, "missing type or value");
            return;
        }

        var category = eventPhishing || HasPhishingTag(attribute) || IsPhishing(ThreatFoxFeed.Text(attribute, "comment"))
            ? IntelCategory.Phishing
            : ThreatFoxFeed.Text(attribute, "category") == "Payload delivery" ? IntelCategory.MalwareSite : IntelCategory.C2;
        switch (type)
        {
            case "ip-dst" or "ip-src" or "ip-dst|port" or "ip-src|port":
                Add(result, IndicatorKind.Ip, IntelNormalizer.Ip(value.Split('|')[0]), category, source, info, where);
                break;
            case "domain" or "domain|ip":
                Add(result, IndicatorKind.Domain, IntelNormalizer.Name(value.Split('|')[0]), category, source, info, where);
                break;
            case "hostname" or "hostname|port":
                Add(result, IndicatorKind.Hostname, IntelNormalizer.Name(value.Split('|')[0]), category, source, info, where);
                break;
            case "url" or "link" when IntelNormalizer.UrlKey(value) is not null:
                Add(result, IndicatorKind.Url, value, category, source, info, where);
                break;
            case "url":
                result.AddMalformed(where, "bad url value");
                break;
            default:
                result.AddUnsupported();
                break;
        }
    }

    private static void Add(FeedParseResult result, IndicatorKind kind, string? value, IntelCategory category, string source, string? info, string where)
    {
        if (value is null)
        {
            result.AddMalformed(where, "bad " + kind.ToString().ToLowerInvariant() + " value");
            return;
        }

        result.Indicators.Add(new Indicator(kind, value, category, source, info));
    }

    private static bool HasPhishingTag(JsonElement element)
    {
        if (element.TryGetProperty("Tag", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in tags.EnumerateArray())
            {
                if (IsPhishing(ThreatFoxFeed.Text(tag, "name")))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsPhishing(string? text) => text is not null && text.Contains("phish", StringComparison.OrdinalIgnoreCase);
}
