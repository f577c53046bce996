using Mamori.Sensor.Detection;
using Mamori.Web.Features.Notices;
using Mamori.Web.Features.Triage;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Incidents.Pages;

/// <summary>One incident: state moves, assignee, severity, comments, timeline, linked alerts and devices, notices.</summary>
[Authorize(Policy = Policies.Analyst)]
public sealed class DetailModel(
    GetIncidentHandler get,
    UpdateIncidentHandler update,
    DraftIncidentNoticeHandler draft,
    IStringLocalizer<TriageResource> localizer) : TriagePageModel(localizer)
{
    public IncidentDetail Detail { get; private set; } = null!;

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public string? Summary { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostMoveAsync(int id, IncidentState to, CancellationToken cancellationToken) =>
        ApplyAsync(id, new MoveIncident(id, to), cancellationToken);

    public Task<IActionResult> OnPostAssignToMeAsync(int id, CancellationToken cancellationToken) =>
        ApplyAsync(id, new AssignIncident(id, User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, UserName), cancellationToken);

    public Task<IActionResult> OnPostSeverityAsync(int id, AlertSeverity severity, CancellationToken cancellationToken) =>
        ApplyAsync(id, new ChangeIncidentSeverity(id, severity), cancellationToken);

    public Task<IActionResult> OnPostCommentAsync(int id, CancellationToken cancellationToken) =>
        ApplyAsync(id, new CommentOnIncident(id, Comment), cancellationToken);

    public Task<IActionResult> OnPostSummaryAsync(int id, CancellationToken cancellationToken) =>
        ApplyAsync(id, new EditIncidentSummary(id, Summary), cancellationToken);

    public async Task<IActionResult> OnPostDraftNoticeAsync(int id, CancellationToken cancellationToken)
    {
        var result = await draft.HandleAsync(id, UserName, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        return Redirect($"/notices/{result.Value!.Id}/edit");
    }

    private async Task<IActionResult> ApplyAsync(int id, IncidentAction action, CancellationToken cancellationToken)
    {
        var result = await update.HandleAsync(action, UserName, cancellationToken);
        if (!result.Succeeded)
        {
            Error = Localize(result.Error!);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        return Redirect($"/incidents/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var detail = await get.HandleAsync(id, cancellationToken);
        if (detail is null)
        {
            return false;
        }

        Detail = detail;
        Summary = detail.Incident.AnalystSummary;
        return true;
    }
}
