using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Companies.Pages;

/// <summary>A member's home: its own company, and nothing else.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class MyCompanyModel(GetCompanyDetailHandler detail, ITenantContext tenant) : PageModel
{
    public CompanyDetail Company { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var company = tenant.CompanyId is { } id ? await detail.HandleAsync(id, cancellationToken) : null;
        if (company is null)
        {
            return NotFound();
        }

        Company = company;
        return Page();
    }
}
