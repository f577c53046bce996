using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Companies.Pages;

[Authorize(Policy = Policies.Staff)]
public sealed class DetailModel(GetCompanyDetailHandler detail) : PageModel
{
    public CompanyDetail Company { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var company = await detail.HandleAsync(id, cancellationToken);
        if (company is null)
        {
            return NotFound();
        }

        Company = company;
        return Page();
    }
}
