using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Sensors.Pages;

/// <summary>What the sensor pages share: one-time notices, error messages, and Japan-time formatting.</summary>
public abstract class SensorsPageModel(IStringLocalizer<SensorsResource> localizer) : PageModel
{
    private static readonly TimeSpan s_japan = TimeSpan.FromHours(9);

    /// <summary>The one-time enrolment code just issued; survives the redirect to the sheet, never stored.</summary>
    public const string IssuedCodeKey = "Sensors.IssuedCode";

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Notice { get; set; }

    public string? Error { get; protected set; }

    protected string Localize(string key) => localizer[key];

    public static string JapanTime(DateTimeOffset? instant) =>
        instant is { } value ? value.ToOffset(s_japan).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Megabytes(long bytes) => (bytes / 1_048_576.0).ToString("0", CultureInfo.InvariantCulture) + " MB";

    public static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string HealthBadge(SensorHealthState health) => health switch
    {
        SensorHealthState.Reporting => "bg-success",
        SensorHealthState.Silent => "bg-danger",
        SensorHealthState.Revoked => "bg-dark",
        _ => "bg-secondary",
    };
}
