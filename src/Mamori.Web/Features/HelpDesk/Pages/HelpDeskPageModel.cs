using System.Globalization;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.HelpDesk.Pages;

/// <summary>What the help desk, dispatch and insurance pages share: the user's name and the messages of failed commands.</summary>
public abstract class HelpDeskPageModel(IStringLocalizer<HelpDeskResource> localizer) : PageModel
{
    /// <summary>A command's message for the user, shown once above the page.</summary>
    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Notice { get; set; }

    public string? Error { get; protected set; }

    protected string UserName => User.FindFirst(MamoriClaimTypes.DisplayName)?.Value ?? User.Identity?.Name ?? "";

    protected string Localize(string key) => localizer[key];

    /// <summary>A datetime-local value, read as Japan time.</summary>
    protected static DateTimeOffset? ParseJapanTime(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), BusinessHours.BusinessHoursClock.JapanOffset)
            : null;

    public static string JapanTime(DateTimeOffset instant) =>
        instant.ToOffset(BusinessHours.BusinessHoursClock.JapanOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Hours(TimeSpan span) => span.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) + "h";

    public static string Yen(long yen) => "¥" + yen.ToString("#,0", CultureInfo.InvariantCulture);
}
