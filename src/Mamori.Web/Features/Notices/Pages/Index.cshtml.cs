using Mamori.Web.Data;
using Mamori.Web.Features.Triage;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Notices.Pages;

/// <summary>Every notice and digest of the operator with delivery, acknowledgement and escalation; failed e-mail can be retried now.</summary>
[Authorize(Policy = Policies.Analyst)]
public sealed class IndexModel(AppDbContext db, TimeProvider time, IStringLocalizer<TriageResource> localizer) : TriagePageModel(localizer)
{
    public sealed record Row(Notice Notice, string CompanyName);

    public IReadOnlyList<Row> Notices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var names = await db.Companies.ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        Notices = (await db.Notices.AsNoTracking().ToListAsync(cancellationToken))
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Select(n => new Row(n, names.GetValueOrDefault(n.CompanyId, "")))
            .ToList();
    }

    public async Task<IActionResult> OnPostRetryAsync(int id, CancellationToken cancellationToken)
    {
        var notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == id && n.Delivery == NoticeDelivery.Failed, cancellationToken);
        if (notice is not null)
        {
            notice.DeliveryAttempts = 0;
            notice.NextAttemptAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            Message = Localize("Notices.RetryQueued");
        }

        return Redirect("/notices");
    }
}
