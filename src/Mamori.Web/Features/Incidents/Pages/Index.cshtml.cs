using Mamori.Web.Features.Triage;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Incidents.Pages;

/// <summary>Incidents with state filter and average response times .</summary>
[Authorize(Policy = Policies.Analyst)]
public sealed class IndexModel(ListIncidentsHandler list, IStringLocalizer<TriageResource> localizer) : TriagePageModel(localizer)
{
    [BindProperty(SupportsGet = true)]
    public IncidentState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool OpenOnly { get; set; }

    public IncidentList Incidents { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Incidents = await list.HandleAsync(State, null, OpenOnly, cancellationToken);
}
