using System.Text.Json.Serialization;

namespace Mamori.Sensor.Shipping;

/// <summary>Source-generated JSON for the sensor API (camelCase, enums as their ids, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SensorBatch))]
[JsonSerializable(typeof(EnrollRequest))]
[JsonSerializable(typeof(EnrollResponse))]
[JsonSerializable(typeof(BatchReceipt))]
[JsonSerializable(typeof(SensorConfigurationDocument))]
public sealed partial class ShippingJsonContext : JsonSerializerContext;
