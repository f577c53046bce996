using Mamori.Web.Data;
using Mamori.Web.Features.Dispatch;
using Mamori.Web.Features.Insurance;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Features.Dispatch;

/// <summary>Vendor proposal, the dispatch → visit → confirmation → claim flow, and who sees what, on a seeded SQLite database.</summary>
public sealed class DispatchFlowTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(9)));
    private SeededDatabase _seeded = null!;
    private int _tohoku;
    private int _aoba;
    private int _minato;
    private int _aobaSite;
    private int _michinoku;
    private int _aomoriPc;
    private int _fukushimaNet;

    public async Task InitializeAsync()
    {
        _seeded = await SeededDatabase.CreateAsync();
        await using var db = _seeded.Database.CreateSystemContext();
        _tohoku = await db.Operators.Where(o => o.Name.Contains("東北")).Select(o => o.Id).SingleAsync();
        _aoba = await db.Companies.Where(c => c.Name == "株式会社青葉商事").Select(c => c.Id).SingleAsync();
        _minato = await db.Companies.Where(c => c.Name == "株式会社八戸みなと水産").Select(c => c.Id).SingleAsync();
        _aobaSite = await db.Sites.Where(s => s.CompanyId == _aoba).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        _michinoku = await db.Vendors.Where(v => v.Name == "株式会社みちのくITサポート").Select(v => v.Id).SingleAsync();
        _aomoriPc = await db.Vendors.Where(v => v.Name == "有限会社あおもりパソコンサービス").Select(v => v.Id).SingleAsync();
        _fukushimaNet = await db.Vendors.Where(v => v.Name == "株式会社ふくしまネットワーク技研").Select(v => v.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _seeded.DisposeAsync();

    [Fact]
    public async Task ProposeVendors_MiyagiCompany_VendorsCoveringMiyagiSamePrefectureFirst()
    {
        await using var db = Operator();
        var proposals = await new ProposeVendorsHandler(db).HandleAsync(_aoba, CancellationToken.None);

        Assert.Equal([_michinoku, _fukushimaNet], proposals.Select(p => p.Id));
        Assert.True(proposals[0].SamePrefecture);
        Assert.False(proposals[1].SamePrefecture);
    }

    [Fact]
    public async Task ProposeVendors_AomoriCompany_OnlyTheAomoriVendor()
    {
        await using var db = Operator();
        var proposals = await new ProposeVendorsHandler(db).HandleAsync(_minato, CancellationToken.None);

        Assert.Equal([_aomoriPc], proposals.Select(p => p.Id));
    }

    [Fact]
    public async Task RequestDispatch_VendorNotCoveringPrefecture_FailsAndStoresNothing()
    {
        await using var db = Operator();
        var before = await db.Dispatches.CountAsync();
        var result = await Request(db, _aomoriPc, remoteImpossible: false);

        Assert.Equal("Dispatch.VendorDoesNotCover", result.Error);
        Assert.Equal(before, await db.Dispatches.CountAsync());
    }

    [Fact]
    public async Task Dispatch_OfferedToOneVendor_AnotherVendorAndAnotherMemberSeeNone()
    {
        int id;
        await using (var db = Operator())
        {
            id = (await Request(db, _michinoku, remoteImpossible: false)).Value;
        }

        await using (var vendor = Vendor(_fukushimaNet))
        {
            Assert.False(await vendor.Dispatches.AnyAsync(d => d.Id == id));
            Assert.Empty(await new ListDispatchesHandler(vendor).HandleAsync(id, CancellationToken.None));
            var respond = await new RespondToDispatchHandler(vendor, _time).HandleAsync(id, accept: true, null, CancellationToken.None);
            Assert.Equal("Dispatch.NotFound", respond.Error);
        }

        await using (var member = _seeded.As(t => t.UseMember(_tohoku, _minato)))
        {
            Assert.False(await member.Dispatches.AnyAsync(d => d.Id == id));
        }

        await using (var vendor = Vendor(_michinoku))
        {
            var item = Assert.Single(await new ListDispatchesHandler(vendor).HandleAsync(id, CancellationToken.None));
            Assert.Equal("株式会社青葉商事", item.CompanyName);
            Assert.DoesNotContain(await vendor.Dispatches.ToListAsync(), d => d.VendorId != _michinoku);
        }
    }

    [Fact]
    public async Task RecordVisit_EndBeforeStart_FailsAndChangesNothing()
    {
        var id = await AcceptedDispatchAsync(remoteImpossible: false);
        await using var vendor = Vendor(_michinoku);
        var start = new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.FromHours(9));

        var result = await new RecordVisitHandler(vendor).HandleAsync(
            new RecordVisitRequest(id, VisitKind.Trouble, start, start.AddHours(-1), "作業", 10_000), CancellationToken.None);

        Assert.Equal("Visit.EndBeforeStart", result.Error);
        Assert.False(await vendor.Visits.AnyAsync(v => v.DispatchId == id));
        Assert.Equal(DispatchStatus.Accepted, (await vendor.Dispatches.SingleAsync(d => d.Id == id)).Status);
    }

    [Fact]
    public async Task ConfirmVisit_RemoteImpossible_FilesTier1ClaimAndRemainingShrinks()
    {
        var before = await RemainingTier1Async();
        var id = await AcceptedDispatchAsync(remoteImpossible: true);
        var visitId = await RecordVisitAsync(id, 55_000);

        ConfirmedVisit confirmed;
        await using (var member = _seeded.As(t => t.UseMember(_tohoku, _aoba)))
        {
            var result = await new ConfirmVisitHandler(member, new FileClaimHandler(member, _time), _time).HandleAsync(visitId, "伊藤 誠", CancellationToken.None);
            Assert.True(result.Succeeded, result.Error);
            confirmed = result.Value!;
        }

        Assert.NotNull(confirmed.ClaimId);
        Assert.False(confirmed.ClaimExceedsLimit);
        Assert.Equal(before - 55_000, await RemainingTier1Async());
        await using var db = Operator();
        var claim = await db.InsuranceClaims.SingleAsync(c => c.Id == confirmed.ClaimId);
        Assert.Equal((ClaimStatus.Filed, 55_000L, id), (claim.Status, claim.CoveredYen, claim.DispatchId!.Value));
        Assert.Equal(DispatchStatus.Confirmed, (await db.Dispatches.SingleAsync(d => d.Id == id)).Status);
    }

    [Fact]
    public async Task ConfirmVisit_CostAboveRemainingLimit_ClaimFlaggedAndRemainingZeroNotNegative()
    {
        var before = await RemainingTier1Async();
        var id = await AcceptedDispatchAsync(remoteImpossible: true);
        var visitId = await RecordVisitAsync(id, before + 40_000);

        await using (var member = _seeded.As(t => t.UseMember(_tohoku, _aoba)))
        {
            var result = await new ConfirmVisitHandler(member, new FileClaimHandler(member, _time), _time).HandleAsync(visitId, "伊藤 誠", CancellationToken.None);
            Assert.True(result.Value!.ClaimExceedsLimit);
        }

        Assert.Equal(0, await RemainingTier1Async());
        await using var db = Operator();
        var claim = await db.InsuranceClaims.SingleAsync(c => c.DispatchId == id);
        Assert.True(claim.ExceedsLimit);
        Assert.Equal(before, claim.CoveredYen);
        Assert.Equal(before + 40_000, claim.AmountYen);
    }

    [Fact]
    public async Task ConfirmVisit_RemoteWasPossible_NoClaim()
    {
        var id = await AcceptedDispatchAsync(remoteImpossible: false);
        var visitId = await RecordVisitAsync(id, 20_000);
        await using var member = _seeded.As(t => t.UseMember(_tohoku, _aoba));

        var result = await new ConfirmVisitHandler(member, new FileClaimHandler(member, _time), _time).HandleAsync(visitId, "伊藤 誠", CancellationToken.None);

        Assert.Null(result.Value!.ClaimId);
        Assert.False(await member.InsuranceClaims.AnyAsync(c => c.DispatchId == id));
    }

    [Fact]
    public async Task ConfirmVisit_VendorTries_NotAllowed()
    {
        var id = await AcceptedDispatchAsync(remoteImpossible: false);
        var visitId = await RecordVisitAsync(id, 0);
        await using var vendor = Vendor(_michinoku);

        var result = await new ConfirmVisitHandler(vendor, new FileClaimHandler(vendor, _time), _time).HandleAsync(visitId, "x", CancellationToken.None);

        Assert.Equal("Visit.OnlyMemberConfirms", result.Error);
    }

    private AppDbContext Operator() => _seeded.As(t => t.UseOperator(_tohoku));

    private AppDbContext Vendor(int vendorId) => _seeded.As(t => t.UseVendor(_tohoku, vendorId));

    private async Task<Mamori.Web.Features.HelpDesk.HandlerResult<int>> Request(AppDbContext db, int vendorId, bool remoteImpossible) =>
        await new RequestDispatchHandler(db, new ProposeVendorsHandler(db), _time).HandleAsync(
            new RequestDispatchRequest(_aoba, _aobaSite, vendorId, VisitKind.Trouble, remoteImpossible, "PCが起動しない"), CancellationToken.None);

    private async Task<int> AcceptedDispatchAsync(bool remoteImpossible)
    {
        int id;
        await using (var db = Operator())
        {
            var result = await Request(db, _michinoku, remoteImpossible);
            Assert.True(result.Succeeded, result.Error);
            id = result.Value;
        }

        await using var vendor = Vendor(_michinoku);
        Assert.True((await new RespondToDispatchHandler(vendor, _time).HandleAsync(id, accept: true, null, CancellationToken.None)).Succeeded);
        return id;
    }

    private async Task<int> RecordVisitAsync(int dispatchId, long cost)
    {
        await using var vendor = Vendor(_michinoku);
        var start = new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.FromHours(9));
        var result = await new RecordVisitHandler(vendor).HandleAsync(
            new RecordVisitRequest(dispatchId, VisitKind.Trouble, start, start.AddHours(2), "PCを点検し、設定を修復", cost), CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        return result.Value;
    }

    private async Task<long> RemainingTier1Async()
    {
        await using var member = _seeded.As(t => t.UseMember(_tohoku, _aoba));
        var policies = await new ListPoliciesHandler(member, _time).HandleAsync(null, CancellationToken.None);
        return policies.Single(p => p.Policy.Cover == PolicyCover.OnSiteDispatch).Usage.RemainingYen;
    }
}
