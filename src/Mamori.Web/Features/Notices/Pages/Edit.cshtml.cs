using Mamori.Web.Data;
using Mamori.Web.Features.Triage;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Notices.Pages;

/// <summary>The analyst previews and edits a notice draft, then sends it; a sent notice is shown read-only.</summary>
[Authorize(Policy = Policies.Analyst)]
public sealed class EditModel(SendNoticeHandler send, AppDbContext db, IStringLocalizer<TriageResource> localizer) : TriagePageModel(localizer)
{
    public Notice Notice { get; private set; } = null!;

    public string CompanyName { get; private set; } = "";

    public string? ContractorEmail { get; private set; }

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public bool CopyContractor { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Subject = Notice.Subject;
        Body = Notice.Body;
        CopyContractor = Notice.CopiedToContractor;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken)
    {
        var result = await send.SaveDraftAsync(new EditNoticeDraft(id, Subject, Body, CopyContractor), cancellationToken);
        return await AfterAsync(id, result.Error, "Notices.Saved", cancellationToken);
    }

    public async Task<IActionResult> OnPostSendAsync(int id, CancellationToken cancellationToken)
    {
        var result = await send.SendAsync(new EditNoticeDraft(id, Subject, Body, CopyContractor), UserName, cancellationToken);
        return await AfterAsync(id, result.Error, "Notices.Sent", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(int id, string? error, string success, CancellationToken cancellationToken)
    {
        if (error is not null)
        {
            Error = Localize(error);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        Message = Localize(success);
        return Redirect($"/notices/{id}/edit");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var notice = await db.Notices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notice is null)
        {
            return false;
        }

        Notice = notice;
        var company = await db.Companies.Where(c => c.Id == notice.CompanyId).Select(c => new { c.Name, c.ContractorEmail }).FirstAsync(cancellationToken);
        CompanyName = company.Name;
        ContractorEmail = company.ContractorEmail;
        return true;
    }
}
