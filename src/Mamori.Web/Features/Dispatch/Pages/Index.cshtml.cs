using Mamori.Web.Features.HelpDesk;
using Mamori.Web.Features.HelpDesk.Pages;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Dispatch.Pages;

/// <summary>
/// Dispatches as each role sees them (the tenancy filter decides which): a vendor accepts,
/// declines and records its visit; the member confirms it; staff offer a declined one again.
/// </summary>
[Authorize(Roles = Roles.Operator + "," + Roles.Analyst + "," + Roles.Advisor + "," + Roles.Member + "," + Roles.Vendor)]
public sealed class IndexModel(
    ListDispatchesHandler list,
    RespondToDispatchHandler respond,
    RecordVisitHandler record,
    ConfirmVisitHandler confirm,
    OfferDispatchHandler offer,
    ProposeVendorsHandler propose,
    IStringLocalizer<HelpDeskResource> localizer) : HelpDeskPageModel(localizer)
{
    public IReadOnlyList<DispatchListItem> Dispatches { get; private set; } = [];

    public Dictionary<int, List<ProposedVendor>> Alternatives { get; } = [];

    public bool IsVendor => User.IsInRole(Roles.Vendor);

    public bool IsMember => User.IsInRole(Roles.Member);

    public bool IsStaff => Roles.IsStaff(User);

    [BindProperty]
    public string? DeclineReason { get; set; }

    [BindProperty]
    public VisitKind Kind { get; set; }

    [BindProperty]
    public string? StartedAt { get; set; }

    [BindProperty]
    public string? EndedAt { get; set; }

    [BindProperty]
    public string? WorkDone { get; set; }

    [BindProperty]
    public long CostYen { get; set; }

    [BindProperty]
    public int VendorId { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAcceptAsync(int id, CancellationToken cancellationToken) =>
        await AfterAsync((await respond.HandleAsync(id, accept: true, null, cancellationToken)).Error, "Dispatch.Accepted", cancellationToken);

    public async Task<IActionResult> OnPostDeclineAsync(int id, CancellationToken cancellationToken) =>
        await AfterAsync((await respond.HandleAsync(id, accept: false, DeclineReason, cancellationToken)).Error, "Dispatch.Declined", cancellationToken);

    public async Task<IActionResult> OnPostVisitAsync(int id, CancellationToken cancellationToken)
    {
        var started = ParseJapanTime(StartedAt);
        var ended = ParseJapanTime(EndedAt);
        if (started is null || ended is null)
        {
            return await AfterAsync("Visit.TimesRequired", "", cancellationToken);
        }

        var result = await record.HandleAsync(new RecordVisitRequest(id, Kind, started.Value, ended.Value, WorkDone, CostYen), cancellationToken);
        return await AfterAsync(result.Error, "Visit.Recorded", cancellationToken);
    }

    public async Task<IActionResult> OnPostConfirmAsync(int visitId, CancellationToken cancellationToken)
    {
        var result = await confirm.HandleAsync(visitId, UserName, cancellationToken);
        var message = result.Value switch
        {
            { ClaimId: not null, ClaimExceedsLimit: true } => "Visit.ConfirmedClaimOverLimit",
            { ClaimId: not null } => "Visit.ConfirmedClaimFiled",
            _ => "Visit.Confirmed",
        };
        return await AfterAsync(result.Error, message, cancellationToken);
    }

    public async Task<IActionResult> OnPostOfferAsync(int id, CancellationToken cancellationToken) =>
        await AfterAsync((await offer.HandleAsync(id, VendorId, cancellationToken)).Error, "Dispatch.Requested", cancellationToken);

    private async Task<IActionResult> AfterAsync(string? error, string success, CancellationToken cancellationToken)
    {
        if (error is null)
        {
            Notice = Localize(success);
            return Redirect("/dispatches");
        }

        Error = Localize(error);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Dispatches = await list.HandleAsync(null, cancellationToken);
        if (IsStaff)
        {
            foreach (var d in Dispatches.Where(d => d.Dispatch.Status == DispatchStatus.Declined))
            {
                Alternatives[d.Dispatch.Id] = await propose.HandleAsync(d.Dispatch.CompanyId, cancellationToken);
            }
        }
    }
}
