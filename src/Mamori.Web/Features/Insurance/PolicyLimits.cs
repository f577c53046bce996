namespace Mamori.Web.Features.Insurance;

/// <summary>
/// How much of a policy's annual limit is used and left in one policy year. Filed, approved and
/// paid claims count (a filed claim reserves its covered amount); rejected claims do not.
/// </summary>
public sealed record PolicyYearUsage(DateOnly YearStart, long LimitYen, long UsedYen)
{
    /// <summary>Never below zero: claims beyond the limit are capped when filed.</summary>
    public long RemainingYen => Math.Max(0, LimitYen - UsedYen);

    public static PolicyYearUsage For(InsurancePolicy policy, IEnumerable<InsuranceClaim> claims, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(claims);
        var start = policy.PolicyYearStart(date);
        var end = start.AddYears(1);
        var used = claims
            .Where(c => c.PolicyId == policy.Id && c.Status != ClaimStatus.Rejected && c.IncurredOn >= start && c.IncurredOn < end)
            .Sum(c => c.CoveredYen);
        return new PolicyYearUsage(start, policy.AnnualLimitYen, used);
    }
}
