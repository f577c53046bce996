using System.Globalization;
using System.Net;
using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Devices.Pages;

/// <summary>The inventory: filter and search, pick rows to merge, CSV, and "which device had this IP then".</summary>
[Authorize(Roles = Roles.Operator + "," + Roles.Analyst + "," + Roles.Advisor + "," + Roles.Member)]
public sealed class IndexModel(ListDevicesHandler list, AppDbContext db, TimeProvider time, IStringLocalizer<DevicesResource> localizer) : DevicesPageModel(localizer)
{
    [BindProperty(SupportsGet = true)]
    public int? CompanyId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public DeviceKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Ip { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? At { get; set; }

    public IReadOnlyList<DeviceListItem> Devices { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Companies { get; private set; } = [];

    /// <summary>The answer of the resolve box: a sentence and the device found, if any.</summary>
    public (string Text, ResolvedDevice? Device)? Resolved { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!IsStaff)
        {
            CompanyId = OwnCompanyId;
        }
        else
        {
            Companies = await CompaniesAsync(db, cancellationToken);
        }

        Devices = await list.HandleAsync(new ListDevicesQuery(CompanyId, Q, Kind), cancellationToken);
        if (!string.IsNullOrWhiteSpace(Ip) || !string.IsNullOrWhiteSpace(At))
        {
            Resolved = await ResolveAsync(cancellationToken);
        }
    }

    /// <summary>The sheet of the chosen company (staff without a choice: every company they see).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var companyId = IsStaff ? CompanyId : OwnCompanyId;
        var bytes = await DeviceCsv.ExportAsync(db, companyId, cancellationToken);
        var stamp = time.GetUtcNow().ToOffset(JapanOffset).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return File(bytes, "text/csv; charset=utf-8", $"devices-{stamp}.csv");
    }

    private int? OwnCompanyId => int.TryParse(User.FindFirst(MamoriClaimTypes.CompanyId)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private async Task<(string, ResolvedDevice?)> ResolveAsync(CancellationToken cancellationToken)
    {
        var at = ParseJapanTime(At);
        if (CompanyId is not { } companyId || at is null || !IPAddress.TryParse(Ip?.Trim(), out var ip))
        {
            return (Localize("Resolve.Invalid"), null);
        }

        var text = ip.ToString();
        var device = await ResolveDeviceAtTime.DescribeAsync(db, companyId, text, at.Value.ToUniversalTime(), cancellationToken);
        return device is null
            ? (Localize("Resolve.NotFound", JapanTime(at), text), null)
            : (Localize("Resolve.Found", JapanTime(at), text), device);
    }
}
