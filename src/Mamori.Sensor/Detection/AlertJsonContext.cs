using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mamori.Sensor.Detection;

/// <summary>Source-generated JSON for the alert contract (camelCase, enums as their ids).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(Alert))]
[JsonSerializable(typeof(List<Alert>))]
[JsonSerializable(typeof(IReadOnlyList<Alert>))]
public sealed partial class AlertJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Same contract, writing non-ASCII (Japanese names) and '&amp;' as themselves rather than \uXXXX
    /// escapes: for files read by people and JSON parsers, never pasted into HTML.
    /// </summary>
    public static AlertJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
