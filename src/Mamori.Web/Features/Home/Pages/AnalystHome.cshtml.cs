using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Home.Pages;

[Authorize(Policy = Policies.Analyst)]
public sealed class AnalystHomeModel(GetProgrammeSummaryHandler summary) : PageModel
{
    public ProgrammeSummary Summary { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Summary = await summary.HandleAsync(cancellationToken);
}
