using Mamori.Web.Data;
using Mamori.Web.Features.HelpDesk;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Dispatch;

/// <summary>The vendor records its visit for an accepted dispatch. End before start stores nothing.</summary>
public sealed record RecordVisitRequest(int DispatchId, VisitKind Kind, DateTimeOffset StartedAt, DateTimeOffset EndedAt, string? WorkDone, long CostYen);

public sealed class RecordVisitHandler(AppDbContext db)
{
    public async Task<HandlerResult<int>> HandleAsync(RecordVisitRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.EndedAt <= request.StartedAt)
        {
            return HandlerResult.Fail<int>("Visit.EndBeforeStart");
        }

        if (request.CostYen < 0)
        {
            return HandlerResult.Fail<int>("Visit.NegativeCost");
        }

        if (string.IsNullOrWhiteSpace(request.WorkDone))
        {
            return HandlerResult.Fail<int>("Visit.WorkRequired");
        }

        var dispatch = await db.Dispatches.SingleOrDefaultAsync(d => d.Id == request.DispatchId, cancellationToken);
        if (dispatch is null)
        {
            return HandlerResult.Fail<int>("Dispatch.NotFound");
        }

        if (dispatch.Status != DispatchStatus.Accepted)
        {
            return HandlerResult.Fail<int>("Dispatch.WrongState");
        }

        var visit = new Visit
        {
            OperatorId = dispatch.OperatorId,
            CompanyId = dispatch.CompanyId,
            VendorId = dispatch.VendorId,
            DispatchId = dispatch.Id,
            Kind = request.Kind,
            StartedAt = request.StartedAt.ToUniversalTime(),  // timestamptz takes only UTC
            EndedAt = request.EndedAt.ToUniversalTime(),
            WorkDone = request.WorkDone.Trim(),
            CostYen = request.CostYen,
        };
        db.Visits.Add(visit);
        dispatch.Status = DispatchStatus.Visited;
        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok<int>(visit.Id);
    }
}
