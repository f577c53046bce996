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
public sealed partial class AlertJsonContext : JsonSerializerContext;
