using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.HelpDesk.Pages;

/// <summary>The inquiry queue with SLA figures (staff: the operator's; a member: its own, with a form to ask).</summary>
[Authorize(Roles = Roles.Operator + "," + Roles.Analyst + "," + Roles.Advisor + "," + Roles.Member)]
public sealed class IndexModel(ListInquiriesHandler list, FileInquiryHandler file, IStringLocalizer<HelpDeskResource> localizer) : HelpDeskPageModel(localizer)
{
    [BindProperty(SupportsGet = true)]
    public bool OpenOnly { get; set; }

    [BindProperty]
    public InquiryCategory Category { get; set; } = InquiryCategory.SecurityConsultation;

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    public IReadOnlyList<InquiryListItem> Inquiries { get; private set; } = [];

    public bool IsMember => User.IsInRole(Roles.Member);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Inquiries = await list.HandleAsync(OpenOnly, cancellationToken);

    /// <summary>A member asks through the portal.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await file.HandleAsync(
            new FileInquiryRequest(InquiryChannel.Web, Category, UserName, User.Identity?.Name, Subject, Body), cancellationToken);
        if (!result.Succeeded)
        {
            Error = Localize(result.Error!);
            Inquiries = await list.HandleAsync(OpenOnly, cancellationToken);
            return Page();
        }

        Notice = Localize("Inquiry.Filed");
        return Redirect($"/helpdesk/{result.Value!.Id}");
    }
}
