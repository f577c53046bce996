using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.HealthReports.Pages;

/// <summary>The operator generates a month's reports on demand (all companies or one) and sees recent runs.</summary>
[Authorize(Policy = Policies.OperatorAdmin)]
public sealed class GenerateModel(StartHealthReportRunHandler start, GetRunProgressHandler progress, AppDbContext db, TimeProvider time, IStringLocalizer<HealthReportResource> text) : PageModel
{
    /// <summary>yyyy-MM (an HTML month input).</summary>
    [BindProperty]
    public string? Month { get; set; }

    [BindProperty]
    public int? CompanyId { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<(int Id, string Name)> Companies { get; private set; } = [];

    public IReadOnlyList<RunProgress> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Month = HealthReportMonth.PreviousMonth(time.GetUtcNow()).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var month)
            || month > HealthReportMonth.FirstDay(DateOnly.FromDateTime(time.GetUtcNow().ToOffset(HealthReportMonth.JapanOffset).DateTime)))
        {
            Error = text["Page.BadMonth"];
            await LoadAsync(cancellationToken);
            return Page();
        }

        try
        {
            var by = User.FindFirst(MamoriClaimTypes.DisplayName)?.Value ?? User.Identity?.Name ?? "operator";
            var run = await start.HandleAsync(db.Tenant.OperatorId ?? 0, month, CompanyId, HealthReportTrigger.Manual, by, cancellationToken);
            return Redirect($"/health-reports/runs/{run.Id}");
        }
        catch (HealthReportException ex)
        {
            Error = ex.Message;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Companies = (await db.Companies.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
            .Select(c => (c.Id, c.Name)).ToList();
        Runs = await progress.RecentAsync(cancellationToken);
    }
}
