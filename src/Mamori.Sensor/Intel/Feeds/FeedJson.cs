using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Mamori.Sensor.Intel.Feeds;

/// <summary>Opening a JSON feed: a document that does not parse is one malformed record, not an exception.</summary>
internal static class FeedJson
{
    /// <summary>Parses <paramref name="content"/>; on failure records why in <paramref name="result"/> and returns false.</summary>
    public static bool TryParse(string content, FeedParseResult result, [NotNullWhen(true)] out JsonDocument? document)
    {
        try
        {
            document = JsonDocument.Parse(content);
            return true;
        }
        catch (JsonException ex)
        {
            result.AddMalformed("document", "invalid JSON: " + ex.Message);
            document = null;
            return false;
        }
    }
}
