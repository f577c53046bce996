using System.Security.Claims;
using Mamori.Web.Features.Questionnaires;
using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Diagnosis.Pages;

/// <summary>
/// A company's diagnoses and the button that starts one: staff start it in remote-hearing mode
/// (filling it in during a call), a member answers itself.
/// </summary>
public sealed class StartModel(StartDiagnosisHandler start, ITenantContext tenant, Data.AppDbContext db) : PageModel
{
    public int CompanyId { get; private set; }

    public string CompanyName { get; private set; } = string.Empty;

    public IReadOnlyList<DiagnosisListItem> Diagnoses { get; private set; } = [];

    public bool IsStaff => tenant.Scope == TenantScope.Operator;

    public async Task<IActionResult> OnGetAsync(int? companyId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(companyId, cancellationToken))
        {
            return NotFound();
        }

        Diagnoses = await GetDiagnosisResultHandler.ListDiagnosesAsync(db, CompanyId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? companyId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(companyId, cancellationToken) || (!IsStaff && tenant.Scope != TenantScope.Member))
        {
            return NotFound();
        }

        var mode = IsStaff ? AnswerEntryMode.AdvisorRemoteHearing : AnswerEntryMode.Self;
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        var name = User.FindFirstValue(MamoriClaimTypes.DisplayName) ?? User.Identity?.Name ?? string.Empty;
        var id = await start.HandleAsync(new StartDiagnosisRequest(CompanyId, mode, userId, name), cancellationToken);
        return id is null ? NotFound() : Redirect($"/diagnosis/{id}/fill");
    }

    private async Task<bool> LoadAsync(int? companyId, CancellationToken cancellationToken)
    {
        var id = tenant.Scope == TenantScope.Member ? tenant.CompanyId : companyId;
        if (id is null || (tenant.Scope != TenantScope.Member && tenant.Scope != TenantScope.Operator))
        {
            return false;
        }

        var company = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            db.Companies.Where(c => c.Id == id).Select(c => new { c.Id, c.Name }), cancellationToken);
        if (company is null)
        {
            return false;
        }

        CompanyId = company.Id;
        CompanyName = company.Name;
        return true;
    }
}
