using System.Globalization;
using Mamori.Web.Features.HelpDesk;
using Mamori.Web.Features.HelpDesk.Pages;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Insurance.Pages;

/// <summary>Policies with what is left of each limit this policy year, and their claims; staff file and decide claims.</summary>
[Authorize(Roles = Roles.Operator + "," + Roles.Analyst + "," + Roles.Advisor + "," + Roles.Member)]
public sealed class IndexModel(ListPoliciesHandler list, FileClaimHandler file, DecideClaimHandler decide, IStringLocalizer<HelpDeskResource> localizer)
    : HelpDeskPageModel(localizer)
{
    [BindProperty(SupportsGet = true)]
    public int? CompanyId { get; set; }

    [BindProperty]
    public long AmountYen { get; set; }

    [BindProperty]
    public string? IncurredOn { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public IReadOnlyList<PolicyListItem> Policies { get; private set; } = [];

    public bool IsStaff => Roles.IsStaff(User);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Policies = await list.HandleAsync(CompanyId, cancellationToken);

    public async Task<IActionResult> OnPostClaimAsync(int policyId, CancellationToken cancellationToken)
    {
        if (!IsStaff)
        {
            return Forbid();
        }

        if (!DateOnly.TryParse(IncurredOn, CultureInfo.InvariantCulture, out var incurred))
        {
            return await AfterAsync("Claim.DateRequired", cancellationToken);
        }

        var result = await file.HandleAsync(new FileClaimRequest(policyId, AmountYen, incurred, Description), cancellationToken);
        return await AfterAsync(result.Error, cancellationToken);
    }

    public async Task<IActionResult> OnPostDecideAsync(int claimId, ClaimStatus next, CancellationToken cancellationToken)
    {
        if (!IsStaff)
        {
            return Forbid();
        }

        return await AfterAsync((await decide.HandleAsync(claimId, next, cancellationToken)).Error, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(string? error, CancellationToken cancellationToken)
    {
        if (error is null)
        {
            Notice = Localize("Claim.Saved");
            return Redirect("/insurance" + (CompanyId is { } id ? "?companyId=" + id.ToString(CultureInfo.InvariantCulture) : ""));
        }

        Error = Localize(error);
        Policies = await list.HandleAsync(CompanyId, cancellationToken);
        return Page();
    }
}
