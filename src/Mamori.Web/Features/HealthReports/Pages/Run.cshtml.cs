using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.HealthReports.Pages;

/// <summary>Progress of one run: n of N, failures with reasons; the fragment polls itself with htmx until done.</summary>
[Authorize(Policy = Policies.OperatorAdmin)]
public sealed class RunModel(GetRunProgressHandler progress) : PageModel
{
    public RunProgress Progress { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await progress.HandleAsync(id, cancellationToken) is not { } p)
        {
            return NotFound();
        }

        Progress = p;
        return Page();
    }

    public async Task<IActionResult> OnGetProgressAsync(int id, CancellationToken cancellationToken)
    {
        if (await progress.HandleAsync(id, cancellationToken) is not { } p)
        {
            return NotFound();
        }

        return Partial("_RunProgress", p);
    }

    public async Task<IActionResult> OnPostRetryAsync(int id, CancellationToken cancellationToken)
    {
        return await progress.RetryFailedAsync(id, cancellationToken) ? Redirect($"/health-reports/runs/{id}") : NotFound();
    }
}
