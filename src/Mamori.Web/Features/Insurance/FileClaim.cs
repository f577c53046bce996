using Mamori.Web.Data;
using Mamori.Web.Features.HelpDesk;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Insurance;

/// <summary>
/// A claim against a policy. Filed by staff, a claim over what is left of the limit is refused
/// with a message and nothing is stored. Filed automatically for a confirmed visit, it is kept,
/// flagged <see cref="InsuranceClaim.ExceedsLimit"/> and its covered amount capped, so the
/// remaining limit reaches zero and never goes negative.
/// </summary>
public sealed record FileClaimRequest(int PolicyId, long AmountYen, DateOnly IncurredOn, string? Description);

public sealed class FileClaimHandler(AppDbContext db, TimeProvider time)
{
    public async Task<HandlerResult<InsuranceClaim>> HandleAsync(FileClaimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var policy = await db.InsurancePolicies.SingleOrDefaultAsync(p => p.Id == request.PolicyId, cancellationToken);
        if (policy is null)
        {
            return HandlerResult.Fail<InsuranceClaim>("Claim.PolicyNotFound");
        }

        var result = await PrepareAsync(policy, request.AmountYen, request.IncurredOn, request.Description, null, allowOverLimit: false, cancellationToken);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Validates and adds the claim to the context; the caller saves.</summary>
    public async Task<HandlerResult<InsuranceClaim>> PrepareAsync(
        InsurancePolicy policy, long amountYen, DateOnly incurredOn, string? description, int? dispatchId, bool allowOverLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (amountYen <= 0)
        {
            return HandlerResult.Fail<InsuranceClaim>("Claim.AmountPositive");
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            return HandlerResult.Fail<InsuranceClaim>("Claim.DescriptionRequired");
        }

        if (incurredOn < policy.StartsOn)
        {
            return HandlerResult.Fail<InsuranceClaim>("Claim.BeforePolicy");
        }

        var existing = await db.InsuranceClaims.Where(c => c.PolicyId == policy.Id).ToListAsync(cancellationToken);
        var usage = PolicyYearUsage.For(policy, existing, incurredOn);
        var exceeds = amountYen > usage.RemainingYen;
        if (exceeds && !allowOverLimit)
        {
            return HandlerResult.Fail<InsuranceClaim>("Claim.OverLimit");
        }

        var claim = new InsuranceClaim
        {
            OperatorId = policy.OperatorId,
            CompanyId = policy.CompanyId,
            PolicyId = policy.Id,
            DispatchId = dispatchId,
            IncurredOn = incurredOn,
            AmountYen = amountYen,
            CoveredYen = Math.Min(amountYen, usage.RemainingYen),
            ExceedsLimit = exceeds,
            Description = description.Trim(),
            FiledAt = time.GetUtcNow(),
        };
        db.InsuranceClaims.Add(claim);
        return HandlerResult.Ok<InsuranceClaim>(claim);
    }
}
