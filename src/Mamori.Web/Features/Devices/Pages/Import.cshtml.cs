using System.Globalization;
using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Devices.Pages;

/// <summary>Upload an edited inventory sheet; all rows or none.</summary>
[Authorize(Roles = Roles.Operator + "," + Roles.Analyst + "," + Roles.Advisor + "," + Roles.Member)]
[RequestSizeLimit(MaxBytes)]
public sealed class ImportModel(ImportDevicesHandler import, AppDbContext db, IStringLocalizer<DevicesResource> localizer) : DevicesPageModel(localizer)
{
    /// <summary>2 MB: thousands of rows.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public int? CompanyId { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<(int Id, string Name)> Companies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (IsStaff)
        {
            Companies = await CompaniesAsync(db, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var companyId = IsStaff
            ? CompanyId
            : int.TryParse(User.FindFirst(MamoriClaimTypes.CompanyId)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var own) ? own : null;
        if (Upload is null || Upload.Length == 0)
        {
            Errors = [Localize("Import.NoFile")];
        }
        else if (companyId is null)
        {
            Errors = [Localize("Import.UnknownCompany")];
        }
        else
        {
            await using var stream = Upload.OpenReadStream();
            var result = await import.HandleAsync(new ImportDevicesRequest(companyId.Value, stream), cancellationToken);
            if (result.Succeeded)
            {
                Notice = Localize("Import.Done", result.Count);
                return Redirect("/devices" + (IsStaff ? "?companyId=" + companyId.Value.ToString(CultureInfo.InvariantCulture) : ""));
            }

            Errors = [Localize("Import.Failed"), .. result.Errors.Select(Describe)];
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }
}
