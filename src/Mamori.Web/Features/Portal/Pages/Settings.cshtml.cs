using Mamori.Web.Data;
using Mamori.Web.Features.Triage;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Portal.Pages;

/// <summary>
/// Who notices go to: the company's maintenance contractor, copied on notices, and the
/// language of notices. A member edits its own company; staff pass the company id.
/// </summary>
[Authorize(Roles = Roles.Operator + "," + Roles.Analyst + "," + Roles.Member)]
public sealed class SettingsModel(AppDbContext db, IStringLocalizer<TriageResource> localizer) : TriagePageModel(localizer)
{
    [BindProperty(SupportsGet = true)]
    public int? CompanyId { get; set; }

    [BindProperty]
    public string? ContractorName { get; set; }

    [BindProperty]
    public string? ContractorEmail { get; set; }

    [BindProperty]
    public string NoticeLanguage { get; set; } = "ja";

    public string CompanyName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var company = await FindAsync(cancellationToken);
        if (company is null)
        {
            return NotFound();
        }

        CompanyName = company.Name;
        ContractorName = company.ContractorName;
        ContractorEmail = company.ContractorEmail;
        NoticeLanguage = company.NoticeLanguage;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var company = await FindAsync(cancellationToken);
        if (company is null)
        {
            return NotFound();
        }

        var email = string.IsNullOrWhiteSpace(ContractorEmail) ? null : ContractorEmail.Trim();
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            CompanyName = company.Name;
            Error = Localize("Settings.EmailInvalid");
            return Page();
        }

        company.ContractorName = string.IsNullOrWhiteSpace(ContractorName) ? null : ContractorName.Trim();
        company.ContractorEmail = email;
        company.NoticeLanguage = NoticeLanguage == "en" ? "en" : "ja";
        await db.SaveChangesAsync(cancellationToken);
        Message = Localize("Settings.Saved");
        return Redirect(User.IsInRole(Roles.Member) ? "/notice-settings" : $"/notice-settings/{company.Id}");
    }

    private async Task<Companies.MemberCompany?> FindAsync(CancellationToken cancellationToken)
    {
        var id = User.IsInRole(Roles.Member)
            ? int.Parse(User.FindFirst(MamoriClaimTypes.CompanyId)!.Value, System.Globalization.CultureInfo.InvariantCulture)
            : CompanyId;
        return id is null ? null : await db.Companies.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }
}
