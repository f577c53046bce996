using Mamori.Web.Data;
using Mamori.Web.Features.Notices;
using Mamori.Web.Features.Triage;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Portal.Pages;

/// <summary>One published notice for the member, with the acknowledge button.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class NoticeModel(AppDbContext db, AcknowledgeNoticeHandler acknowledge, IStringLocalizer<TriageResource> localizer) : TriagePageModel(localizer)
{
    public Notice Notice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var notice = await db.Notices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id && n.SentAt != null, cancellationToken);
        if (notice is null)
        {
            return NotFound();
        }

        Notice = notice;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var result = await acknowledge.HandleAsync(id, UserName, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        Message = Localize("Portal.Acknowledged");
        return Redirect($"/portal/notices/{id}");
    }
}
