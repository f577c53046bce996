using Mamori.Web.Data;
using Mamori.Web.Features.HelpDesk;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Insurance;

/// <summary>Staff record the insurer's decision: filed → approved or rejected, approved → paid.</summary>
public sealed class DecideClaimHandler(AppDbContext db)
{
    public async Task<HandlerResult<int>> HandleAsync(int claimId, ClaimStatus next, CancellationToken cancellationToken)
    {
        var claim = await db.InsuranceClaims.SingleOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return HandlerResult.Fail<int>("Claim.NotFound");
        }

        var allowed = (claim.Status, next) switch
        {
            (ClaimStatus.Filed, ClaimStatus.Approved or ClaimStatus.Rejected) => true,
            (ClaimStatus.Approved, ClaimStatus.Paid or ClaimStatus.Rejected) => true,
            _ => false,
        };
        if (!allowed)
        {
            return HandlerResult.Fail<int>("Claim.WrongState");
        }

        claim.Status = next;
        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok<int>(claim.Id);
    }
}
