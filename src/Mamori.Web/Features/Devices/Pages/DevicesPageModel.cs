using System.Globalization;
using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Devices.Pages;

/// <summary>What the inventory pages share: messages of failed commands, Japan time, the companies a user may pick.</summary>
public abstract class DevicesPageModel(IStringLocalizer<DevicesResource> localizer) : PageModel
{
    public static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    /// <summary>A command's message for the user, shown once above the page.</summary>
    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Notice { get; set; }

    public IReadOnlyList<string> Errors { get; protected set; } = [];

    public bool IsStaff => Roles.IsStaff(User);

    protected string Localize(string key, params object[] args) => args.Length == 0 ? localizer[key] : localizer[key, args];

    /// <summary>A command error as a sentence, with its CSV line when it has one.</summary>
    protected string Describe(DeviceError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = error.Argument is null ? Localize(error.Key) : Localize(error.Key, error.Argument);
        if (error.Line is { } line)
        {
            text = Localize("Import.Line", line) + (error.Field is null ? "" : " [" + error.Field + "]") + ": " + text;
        }

        return text;
    }

    protected static async Task<IReadOnlyList<(int Id, string Name)>> CompaniesAsync(AppDbContext db, CancellationToken cancellationToken) =>
        (await db.Companies.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
            .Select(c => (c.Id, c.Name)).ToList();

    public static string JapanTime(DateTimeOffset? instant) =>
        instant?.ToOffset(JapanOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A datetime-local value, read as Japan time.</summary>
    protected static DateTimeOffset? ParseJapanTime(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), JapanOffset)
            : null;
}
