using Mamori.Web.Data;
using Mamori.Web.Features.HelpDesk;
using Mamori.Web.Features.Insurance;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Dispatch;

/// <summary>
/// The member confirms the vendor's visit. When remote response was judged impossible, the
/// visit's cost is claimed against the company's tier-1 policy in the same transaction.
/// </summary>
public sealed record ConfirmedVisit(int VisitId, int? ClaimId, bool ClaimExceedsLimit);

public sealed class ConfirmVisitHandler(AppDbContext db, FileClaimHandler claims, TimeProvider time)
{
    public async Task<HandlerResult<ConfirmedVisit>> HandleAsync(int visitId, string confirmedBy, CancellationToken cancellationToken)
    {
        if (db.Tenant.Scope != Infrastructure.Tenancy.TenantScope.Member)
        {
            return HandlerResult.Fail<ConfirmedVisit>("Visit.OnlyMemberConfirms");
        }

        var visit = await db.Visits.SingleOrDefaultAsync(v => v.Id == visitId, cancellationToken);
        var dispatch = visit is null ? null : await db.Dispatches.SingleOrDefaultAsync(d => d.Id == visit.DispatchId, cancellationToken);
        if (visit is null || dispatch is null)
        {
            return HandlerResult.Fail<ConfirmedVisit>("Visit.NotFound");
        }

        if (visit.ConfirmedAt is not null)
        {
            return HandlerResult.Fail<ConfirmedVisit>("Visit.AlreadyConfirmed");
        }

        var now = time.GetUtcNow();
        visit.ConfirmedAt = now;
        visit.ConfirmedBy = confirmedBy;
        dispatch.Status = DispatchStatus.Confirmed;

        InsuranceClaim? claim = null;
        if (dispatch.RemoteImpossible)
        {
            var policy = await db.InsurancePolicies.SingleOrDefaultAsync(
                p => p.CompanyId == dispatch.CompanyId && p.Cover == PolicyCover.OnSiteDispatch, cancellationToken);
            if (policy is not null)
            {
                var incurredOn = DateOnly.FromDateTime(visit.StartedAt.ToOffset(HelpDesk.BusinessHours.BusinessHoursClock.JapanOffset).DateTime);
                var filed = await claims.PrepareAsync(
                    policy, visit.CostYen, incurredOn, "駆け付け費用(遠隔対応不可): " + visit.WorkDone, dispatch.Id, allowOverLimit: true, cancellationToken);
                claim = filed.Value;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok<ConfirmedVisit>(new ConfirmedVisit(visit.Id, claim?.Id, claim?.ExceedsLimit ?? false));
    }
}
