using Mamori.Web.Data;
using Mamori.Web.Features.HelpDesk;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Dispatch;

/// <summary>The vendor accepts or declines a dispatch offered to it (in its own portal).</summary>
public sealed class RespondToDispatchHandler(AppDbContext db, TimeProvider time)
{
    public async Task<HandlerResult<int>> HandleAsync(int dispatchId, bool accept, string? declineReason, CancellationToken cancellationToken)
    {
        // The tenancy filter hides every dispatch not offered to this vendor.
        var dispatch = await db.Dispatches.SingleOrDefaultAsync(d => d.Id == dispatchId, cancellationToken);
        if (dispatch is null)
        {
            return HandlerResult.Fail<int>("Dispatch.NotFound");
        }

        if (dispatch.Status != DispatchStatus.Offered)
        {
            return HandlerResult.Fail<int>("Dispatch.WrongState");
        }

        dispatch.Status = accept ? DispatchStatus.Accepted : DispatchStatus.Declined;
        dispatch.DeclineReason = accept ? null : declineReason?.Trim();
        dispatch.RespondedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok<int>(dispatch.Id);
    }
}
