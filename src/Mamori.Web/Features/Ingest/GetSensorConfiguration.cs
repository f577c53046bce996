using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Shipping;
using Mamori.Web.Data;
using Mamori.Web.Features.Sensors;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Ingest;

/// <summary>
/// The configuration a sensor runs with: its own <see cref="SensorSettings"/> row, else its operator's
/// default, else the sensor library's defaults. The ETag is a hash of the document, so it changes
/// exactly when the content does (and is the same on every server process).
/// </summary>
public sealed class GetSensorConfigurationHandler(AppDbContext db)
{
    public async Task<(SensorConfigurationDocument Document, string ETag)> HandleAsync(int operatorId, int sensorId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<SensorSettings>()
            .Where(s => s.OperatorId == operatorId && (s.SensorId == sensorId || s.SensorId == null))
            .Select(s => new { s.SensorId, s.DetectionJson, s.IntelFeedUrls, s.ShipIntervalSeconds, s.CounterIntervalSeconds })
            .ToListAsync(cancellationToken);
        var row = rows.FirstOrDefault(r => r.SensorId == sensorId) ?? rows.FirstOrDefault(r => r.SensorId is null);

        var json = row?.DetectionJson ?? DefaultDetectionJson;
        using var detection = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var document = new SensorConfigurationDocument(
            detection.RootElement.Clone(),
            SplitUrls(row?.IntelFeedUrls),
            row?.ShipIntervalSeconds ?? 60,
            row?.CounterIntervalSeconds ?? 300);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, ShippingJsonContext.Default.SensorConfigurationDocument);
        return (document, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"");
    }

    /// <summary>The sensor library's defaults, as <c>mamori analyze --config</c> would read them.</summary>
    public static string DefaultDetectionJson { get; } =
        JsonSerializer.Serialize(new DetectionOptions(), DetectionOptionsJsonContext.Default.DetectionOptions);

    public static IReadOnlyList<string> SplitUrls(string? urls) =>
        string.IsNullOrWhiteSpace(urls)
            ? []
            : urls.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
