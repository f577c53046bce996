using Mamori.Web.Features.Insurance;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Features.Insurance;

public sealed class PolicyLimitsTests
{
    private static readonly InsurancePolicy s_policy = new()
    {
        Id = 7,
        PolicyNumber = "T1",
        Cover = PolicyCover.OnSiteDispatch,
        AnnualLimitYen = 300_000,
        StartsOn = new DateOnly(2026, 4, 1),
    };

    private static InsuranceClaim Claim(long covered, DateOnly on, ClaimStatus status = ClaimStatus.Paid) =>
        new() { PolicyId = 7, CoveredYen = covered, AmountYen = covered, IncurredOn = on, Status = status, Description = "x" };

    [Theory]
    [InlineData(2026, 4, 1, 2026, 4, 1)]
    [InlineData(2027, 3, 31, 2026, 4, 1)]
    [InlineData(2027, 4, 1, 2027, 4, 1)]
    [InlineData(2028, 1, 15, 2027, 4, 1)]
    public void PolicyYearStart_Date_AnniversaryOnOrBefore(int y, int m, int d, int ey, int em, int ed) =>
        Assert.Equal(new DateOnly(ey, em, ed), s_policy.PolicyYearStart(new DateOnly(y, m, d)));

    [Fact]
    public void For_ClaimsInOtherYearsAndRejected_NotCounted()
    {
        var claims = new[]
        {
            Claim(100_000, new DateOnly(2026, 3, 31)),                   // before this policy year
            Claim(50_000, new DateOnly(2026, 6, 1)),
            Claim(20_000, new DateOnly(2026, 7, 1), ClaimStatus.Filed),  // filed: reserves its amount
            Claim(90_000, new DateOnly(2026, 8, 1), ClaimStatus.Rejected),
            Claim(70_000, new DateOnly(2027, 4, 1)),                     // next policy year
        };

        var usage = PolicyYearUsage.For(s_policy, claims, new DateOnly(2026, 11, 1));

        Assert.Equal(70_000, usage.UsedYen);
        Assert.Equal(230_000, usage.RemainingYen);
        Assert.Equal(new DateOnly(2026, 4, 1), usage.YearStart);
    }

    [Fact]
    public void For_UsedAboveLimit_RemainingIsZeroNotNegative()
    {
        var usage = PolicyYearUsage.For(s_policy, [Claim(350_000, new DateOnly(2026, 5, 1))], new DateOnly(2026, 5, 2));

        Assert.Equal(0, usage.RemainingYen);
    }

    [Fact]
    public async Task FileClaim_OverRemainingLimit_FailsAndStoresNothing()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        var (tohoku, policyId) = await seeded.SystemQueryAsync(async db =>
        {
            var p = await db.InsurancePolicies.Where(p => p.Cover == PolicyCover.Liability).OrderBy(p => p.Id).FirstAsync();
            return (p.OperatorId, p.Id);
        });
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(9)));
        await using var db = seeded.As(t => t.UseOperator(tohoku));
        var handler = new FileClaimHandler(db, time);
        var claimsBefore = await db.InsuranceClaims.CountAsync();

        var over = await handler.HandleAsync(new FileClaimRequest(policyId, 10_000_001, new DateOnly(2026, 11, 1), "損害賠償"), CancellationToken.None);
        var within = await handler.HandleAsync(new FileClaimRequest(policyId, 4_000_000, new DateOnly(2026, 11, 1), "損害賠償"), CancellationToken.None);
        var secondOver = await handler.HandleAsync(new FileClaimRequest(policyId, 6_000_001, new DateOnly(2026, 11, 2), "損害賠償"), CancellationToken.None);

        Assert.Equal("Claim.OverLimit", over.Error);
        Assert.True(within.Succeeded);
        Assert.Equal("Claim.OverLimit", secondOver.Error);
        Assert.Equal(claimsBefore + 1, await db.InsuranceClaims.CountAsync());
        var remaining = (await new ListPoliciesHandler(db, time).HandleAsync(null, CancellationToken.None)).Single(p => p.Policy.Id == policyId).Usage.RemainingYen;
        Assert.Equal(6_000_000, remaining);
    }

    [Fact]
    public async Task DecideClaim_PaidClaimRejectedAgain_WrongState()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        var (tohoku, claimId) = await seeded.SystemQueryAsync(async db =>
        {
            var c = await db.InsuranceClaims.FirstAsync();
            return (c.OperatorId, c.Id);
        });
        await using var db = seeded.As(t => t.UseOperator(tohoku));
        var handler = new DecideClaimHandler(db);

        Assert.True((await handler.HandleAsync(claimId, ClaimStatus.Paid, CancellationToken.None)).Succeeded);
        Assert.Equal("Claim.WrongState", (await handler.HandleAsync(claimId, ClaimStatus.Rejected, CancellationToken.None)).Error);
    }
}
