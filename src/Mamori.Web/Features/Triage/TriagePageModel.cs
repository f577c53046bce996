using System.Globalization;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Triage;

/// <summary>What the triage, incident, notice and portal pages share: the user's name, messages, Japan-time display.</summary>
public abstract class TriagePageModel(IStringLocalizer<TriageResource> localizer) : PageModel
{
    /// <summary>A command's message for the user, shown once above the page.</summary>
    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Message { get; set; }

    public string? Error { get; protected set; }

    protected string UserName => User.FindFirst(MamoriClaimTypes.DisplayName)?.Value ?? User.Identity?.Name ?? "";

    protected string Localize(string key) => localizer[key];

    public static string JapanTime(DateTimeOffset? instant) =>
        instant is null ? "—" : instant.Value.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Hours(TimeSpan? span) =>
        span is null ? "—" : span.Value.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) + "h";

    /// <summary>Japanese or English, as the UI is shown.</summary>
    public static string UiLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja";
}
