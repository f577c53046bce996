using Mamori.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.HealthReports.Pages;

/// <summary>
/// The reports the user may see: a member its own company's (the tenant filters make sure), staff
/// their operator's, with a filter by company.
/// </summary>
public sealed class IndexModel(ListHealthReportsHandler list, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? CompanyId { get; set; }

    public IReadOnlyList<HealthReportListRow> Reports { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Companies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Reports = await list.HandleAsync(null, CompanyId, cancellationToken);
        if (Infrastructure.Identity.Roles.IsStaff(User))
        {
            Companies = (await db.Companies.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
                .Select(c => (c.Id, c.Name)).ToList();
        }
    }
}
