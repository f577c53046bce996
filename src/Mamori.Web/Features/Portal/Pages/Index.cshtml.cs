using Mamori.Web.Data;
using Mamori.Web.Features.Notices;
using Mamori.Web.Features.Triage;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Portal.Pages;

/// <summary>The member portal: notices with the acknowledge button, incidents in plain words, sensors, devices.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(GetPortalHandler portal, AcknowledgeNoticeHandler acknowledge, IStringLocalizer<TriageResource> localizer)
    : TriagePageModel(localizer)
{
    public PortalView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var view = await portal.HandleAsync(CompanyId, UiLanguage, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }

    /// <summary>htmx posts here and swaps in the acknowledged badge; a plain form post redirects back.</summary>
    public async Task<IActionResult> OnPostAcknowledgeAsync(int id, CancellationToken cancellationToken)
    {
        var result = await acknowledge.HandleAsync(id, UserName, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        if (Request.Headers.ContainsKey("HX-Request"))
        {
            return Content($"<span class=\"badge bg-success\" data-testid=\"acknowledged\">{System.Net.WebUtility.HtmlEncode(Localize("Portal.Acknowledged"))} {JapanTime(result.Value!.AcknowledgedAt)}</span>", "text/html");
        }

        Message = Localize("Portal.Acknowledged");
        return Redirect("/portal");
    }

    private int CompanyId => int.Parse(User.FindFirst(MamoriClaimTypes.CompanyId)!.Value, System.Globalization.CultureInfo.InvariantCulture);
}
