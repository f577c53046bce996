using System.Globalization;
using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Sensors.Pages;

/// <summary>Detection settings and intel feeds: the operator's default, or one sensor's own.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SettingsModel(
    GetSensorSettingsHandler get,
    SaveSensorSettingsHandler save,
    GetSensorDetailHandler sensors,
    ITenantContext tenant,
    IStringLocalizer<SensorsResource> localizer) : SensorsPageModel(localizer)
{
    [BindProperty(SupportsGet = true)]
    public int? SensorId { get; set; }

    [BindProperty]
    public string DetectionJson { get; set; } = "";

    [BindProperty]
    public string? IntelFeedUrls { get; set; }

    [BindProperty]
    public int ShipIntervalSeconds { get; set; } = 60;

    [BindProperty]
    public int CounterIntervalSeconds { get; set; } = 300;

    public string? SensorName { get; private set; }

    public bool IsOverride { get; private set; }

    public string? ErrorPosition { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadSensorAsync(cancellationToken))
        {
            return NotFound();
        }

        var form = await get.HandleAsync(tenant.OperatorId!.Value, SensorId, cancellationToken);
        DetectionJson = form.DetectionJson;
        IntelFeedUrls = form.IntelFeedUrls;
        ShipIntervalSeconds = form.ShipIntervalSeconds;
        CounterIntervalSeconds = form.CounterIntervalSeconds;
        IsOverride = form.IsOverride;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadSensorAsync(cancellationToken))
        {
            return NotFound();
        }

        var result = await save.HandleAsync(
            tenant.OperatorId!.Value,
            new SensorSettingsForm(SensorId, DetectionJson ?? "", IntelFeedUrls ?? "", ShipIntervalSeconds, CounterIntervalSeconds, SensorId is not null),
            cancellationToken);
        if (!result.Succeeded)
        {
            // The form keeps what was typed: nothing is lost by a typo.
            Error = Localize(result.Error!);
            ErrorPosition = result.Value;
            IsOverride = SensorId is not null;
            return Page();
        }

        Notice = Localize("Settings.Saved");
        return Redirect(SensorId is { } id ? "/sensors/settings?sensorId=" + id.ToString(CultureInfo.InvariantCulture) : "/sensors/settings");
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        if (SensorId is { } id && await LoadSensorAsync(cancellationToken))
        {
            await save.ResetAsync(tenant.OperatorId!.Value, id, cancellationToken);
        }

        return Redirect(SensorId is { } sensor ? "/sensors/settings?sensorId=" + sensor.ToString(CultureInfo.InvariantCulture) : "/sensors/settings");
    }

    private async Task<bool> LoadSensorAsync(CancellationToken cancellationToken)
    {
        if (SensorId is not { } id)
        {
            return true;
        }

        var sensor = await sensors.HandleAsync(id, cancellationToken);
        SensorName = sensor?.Sensor.Name;
        return sensor is not null;
    }
}
