using System.Text.Json;
using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Sensors;

public sealed record SensorSettingsForm(int? SensorId, string DetectionJson, string IntelFeedUrls, int ShipIntervalSeconds, int CounterIntervalSeconds, bool IsOverride);

/// <summary>The settings a sensor (or, with no sensor, the operator's default) runs with, for the edit page.</summary>
public sealed class GetSensorSettingsHandler(AppDbContext db)
{
    public async Task<SensorSettingsForm> HandleAsync(int operatorId, int? sensorId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<SensorSettings>()
            .Where(s => s.OperatorId == operatorId && (s.SensorId == null || s.SensorId == sensorId))
            .ToListAsync(cancellationToken);
        var own = rows.FirstOrDefault(r => r.SensorId == sensorId);
        var row = own ?? rows.FirstOrDefault(r => r.SensorId == null);
        return row is null
            ? new SensorSettingsForm(sensorId, GetSensorConfigurationHandler.DefaultDetectionJson, "", 60, 300, false)
            : new SensorSettingsForm(sensorId, row.DetectionJson, row.IntelFeedUrls, row.ShipIntervalSeconds, row.CounterIntervalSeconds, own is not null && sensorId is not null);
    }
}

/// <summary>
/// Saves detection settings after parsing them with the sensor's own parser (<see cref="DetectionOptionsJsonContext"/>),
/// so a sensor never receives settings it cannot read. A rejected form changes nothing.
/// </summary>
public sealed class SaveSensorSettingsHandler(AppDbContext db, TimeProvider clock)
{
    // The sensor's parser, plus: an unknown property is an error (a misspelt threshold would otherwise be ignored).
    private static readonly JsonSerializerOptions s_strict = new(DetectionOptionsJsonContext.Default.Options)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public async Task<SensorResult<string?>> HandleAsync(int operatorId, SensorSettingsForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.DetectionJson.Length > 20_000)
        {
            return SensorResult.Fail<string?>("Settings.TooLong");
        }

        try
        {
            if (JsonSerializer.Deserialize<DetectionOptions>(form.DetectionJson, s_strict) is null)
            {
                return SensorResult.Fail<string?>("Settings.InvalidJson");
            }
        }
        catch (JsonException e)
        {
            // Say where: "line 3, position 14" helps the operator find the typo.
            return new SensorResult<string?>(e.LineNumber is { } line ? $"{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : null, "Settings.InvalidJson");
        }

        var urls = GetSensorConfigurationHandler.SplitUrls(form.IntelFeedUrls);
        if (urls.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")) || string.Join('\n', urls).Length > 4000)
        {
            return SensorResult.Fail<string?>("Settings.InvalidUrl");
        }

        if (form.ShipIntervalSeconds is < 10 or > 3600 || form.CounterIntervalSeconds is < 60 or > 86_400)
        {
            return SensorResult.Fail<string?>("Settings.InvalidInterval");
        }

        if (form.SensorId is { } sensorId && !await db.Sensors.AnyAsync(s => s.Id == sensorId && s.OperatorId == operatorId, cancellationToken))
        {
            return SensorResult.Fail<string?>("Sensor.NotFound");
        }

        var row = await db.Set<SensorSettings>().SingleOrDefaultAsync(s => s.OperatorId == operatorId && s.SensorId == form.SensorId, cancellationToken);
        if (row is null)
        {
            row = new SensorSettings { OperatorId = operatorId, SensorId = form.SensorId, DetectionJson = "", IntelFeedUrls = "" };
            db.Set<SensorSettings>().Add(row);
        }

        row.DetectionJson = form.DetectionJson;
        row.IntelFeedUrls = string.Join('\n', urls);
        row.ShipIntervalSeconds = form.ShipIntervalSeconds;
        row.CounterIntervalSeconds = form.CounterIntervalSeconds;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return SensorResult.Ok<string?>(null);
    }

    /// <summary>Drops a sensor's own settings: it falls back to the operator's default.</summary>
    public async Task ResetAsync(int operatorId, int sensorId, CancellationToken cancellationToken) =>
        await db.Set<SensorSettings>().Where(s => s.OperatorId == operatorId && s.SensorId == sensorId).ExecuteDeleteAsync(cancellationToken);
}
