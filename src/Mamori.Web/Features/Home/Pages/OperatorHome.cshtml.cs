using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Home.Pages;

[Authorize(Policy = Policies.OperatorAdmin)]
public sealed class OperatorHomeModel(GetProgrammeSummaryHandler summary) : PageModel
{
    public ProgrammeSummary Summary { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Summary = await summary.HandleAsync(cancellationToken);
}
