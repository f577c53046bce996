using Mamori.Web.Data;
using Mamori.Web.Features.Dispatch;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.HelpDesk.Pages;

/// <summary>One inquiry: timeline, SLA, replies; staff also change it and request a dispatch from it.</summary>
[Authorize(Roles = Roles.Operator + "," + Roles.Analyst + "," + Roles.Advisor + "," + Roles.Member)]
public sealed class DetailModel(
    GetInquiryHandler get,
    ReplyToInquiryHandler reply,
    UpdateInquiryHandler update,
    ProposeVendorsHandler propose,
    RequestDispatchHandler requestDispatch,
    AppDbContext db,
    IStringLocalizer<HelpDeskResource> localizer) : HelpDeskPageModel(localizer)
{
    public InquiryDetail Detail { get; private set; } = null!;

    public bool IsStaff => Roles.IsStaff(User);

    public IReadOnlyList<(int Id, string Name)> Companies { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Sites { get; private set; } = [];

    public IReadOnlyList<ProposedVendor> Vendors { get; private set; } = [];

    [BindProperty]
    public string? ReplyText { get; set; }

    [BindProperty]
    public UpdateInquiryRequest? Update { get; set; }

    [BindProperty]
    public RequestDispatchRequest? Dispatch { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplyAsync(int id, CancellationToken cancellationToken)
    {
        var result = await reply.HandleAsync(new ReplyToInquiryRequest(id, ReplyText, UserName), cancellationToken);
        return await AfterAsync(id, result.Error, "Reply.Sent", cancellationToken);
    }

    public async Task<IActionResult> OnPostUpdateAsync(int id, CancellationToken cancellationToken)
    {
        if (!IsStaff || Update is null)
        {
            return Forbid();
        }

        var result = await update.HandleAsync(Update with { InquiryId = id }, cancellationToken);
        return await AfterAsync(id, result.Error, "Inquiry.Updated", cancellationToken);
    }

    public async Task<IActionResult> OnPostDispatchAsync(int id, CancellationToken cancellationToken)
    {
        if (!IsStaff || Dispatch is null)
        {
            return Forbid();
        }

        var result = await requestDispatch.HandleAsync(Dispatch with { InquiryId = id }, cancellationToken);
        return await AfterAsync(id, result.Error, "Dispatch.Requested", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(int id, string? error, string success, CancellationToken cancellationToken)
    {
        if (error is null)
        {
            Notice = Localize(success);
            return Redirect($"/helpdesk/{id}");
        }

        Error = Localize(error);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var detail = await get.HandleAsync(id, cancellationToken);
        if (detail is null)
        {
            return false;
        }

        Detail = detail;
        if (IsStaff)
        {
            Companies = (await db.Companies.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
                .Select(c => (c.Id, c.Name)).ToList();
            if (detail.Inquiry.CompanyId is { } companyId)
            {
                Sites = (await db.Sites.AsNoTracking().Where(s => s.CompanyId == companyId).OrderBy(s => s.Id).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
                    .Select(s => (s.Id, s.Name)).ToList();
                Vendors = await propose.HandleAsync(companyId, cancellationToken);
            }
        }

        return true;
    }
}
