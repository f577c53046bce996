using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Notices;
using Mamori.Web.Features.Triage;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Alerts.Pages;

/// <summary>The analysts' alert queue with filters, paging, bulk actions and keyboard triage .</summary>
[Authorize(Policy = Policies.Analyst)]
public sealed class QueueModel(
    ListAlertQueueHandler list,
    ListEscalatedNoticesHandler escalated,
    GroupAlertsIntoIncidentsHandler group,
    DismissAlertsHandler dismiss,
    SuppressAlertsHandler suppress,
    AppDbContext db,
    IStringLocalizer<TriageResource> localizer) : TriagePageModel(localizer)
{
    [BindProperty(SupportsGet = true)]
    public int? CompanyId { get; set; }

    [BindProperty(SupportsGet = true)]
    public AlertType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public AlertSeverity? Severity { get; set; }

    /// <summary>Empty string in the query means "any state"; absent means New.</summary>
    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public List<int> Ids { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Days { get; set; } = 90;

    public AlertQueuePage Queue { get; private set; } = null!;

    public IReadOnlyList<EscalatedNotice> Escalated { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Companies { get; private set; } = [];

    public AlertState? StateFilter => State is null ? AlertState.New : Enum.TryParse<AlertState>(State, out var s) ? s : null;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostIncidentAsync(CancellationToken cancellationToken)
    {
        var result = await group.HandleAsync(Ids, UserName, cancellationToken);
        if (!result.Succeeded)
        {
            return await FailAsync(result.Error!, cancellationToken);
        }

        Message = string.Format(System.Globalization.CultureInfo.CurrentCulture, Localize("Queue.IncidentsMade"), Ids.Count, result.Value!.Count);
        return result.Value.Count == 1 ? Redirect($"/incidents/{result.Value[0]}") : Redirect("/incidents");
    }

    public async Task<IActionResult> OnPostDismissAsync(CancellationToken cancellationToken)
    {
        var count = await dismiss.HandleAsync(Ids, cancellationToken);
        if (count == 0)
        {
            return await FailAsync("Triage.NothingSelected", cancellationToken);
        }

        Message = string.Format(System.Globalization.CultureInfo.CurrentCulture, Localize("Queue.Dismissed"), count);
        return Redirect(Request.Path + Request.QueryString);
    }

    public async Task<IActionResult> OnPostSuppressAsync(CancellationToken cancellationToken)
    {
        var result = await suppress.FromAlertsAsync(Ids, Reason, Days, UserName, cancellationToken);
        if (!result.Succeeded)
        {
            return await FailAsync(result.Error!, cancellationToken);
        }

        Message = string.Format(System.Globalization.CultureInfo.CurrentCulture, Localize("Queue.Suppressed"), result.Value);
        return Redirect(Request.Path + Request.QueryString);
    }

    public string PageUrl(int page)
    {
        var q = new List<string>();
        if (CompanyId is not null) q.Add("CompanyId=" + CompanyId);
        if (Type is not null) q.Add("Type=" + Type);
        if (Severity is not null) q.Add("Severity=" + Severity);
        if (State is not null) q.Add("State=" + State);
        if (From is not null) q.Add("From=" + From.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (To is not null) q.Add("To=" + To.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        q.Add("p=" + page);
        return "/alerts?" + string.Join("&", q);
    }

    private async Task<IActionResult> FailAsync(string error, CancellationToken cancellationToken)
    {
        Error = Localize(error);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Queue = await list.HandleAsync(new AlertQueueQuery(CompanyId, Type, Severity, StateFilter, From, To, PageNumber), cancellationToken);
        Escalated = await escalated.HandleAsync(cancellationToken);
        Companies = (await db.Companies.OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
            .Select(c => (c.Id, c.Name)).ToList();
    }
}
