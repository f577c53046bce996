using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Tenancy;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Data;

public sealed class TenantFiltersTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>, IAsyncLifetime
{
    private readonly SeededDatabase _seeded = fixture.Seeded;
    private int _tohoku;
    private int _hokuriku;
    private int _aoba;
    private int _michinoku;

    public async Task InitializeAsync()
    {
        _tohoku = await _seeded.SystemQueryAsync(db => db.Operators.Where(o => o.Name.Contains("東北")).Select(o => o.Id).SingleAsync());
        _hokuriku = await _seeded.SystemQueryAsync(db => db.Operators.Where(o => o.Name.Contains("北陸")).Select(o => o.Id).SingleAsync());
        _aoba = await _seeded.SystemQueryAsync(db => db.Companies.Where(c => c.Name == "株式会社青葉商事").Select(c => c.Id).SingleAsync());
        _michinoku = await _seeded.SystemQueryAsync(db => db.Vendors.Where(v => v.Name == "株式会社みちのくITサポート").Select(v => v.Id).SingleAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Model_EveryTenantOwnedEntity_HasTenantFilters()
    {
        using var db = _seeded.Database.CreateSystemContext();
        var owned = db.Model.GetEntityTypes().Where(e => typeof(IOperatorOwned).IsAssignableFrom(e.ClrType) || typeof(IOperatorRoot).IsAssignableFrom(e.ClrType)).ToList();

        Assert.True(owned.Count >= 9, $"only {owned.Count} tenant-owned entity types found");
        Assert.All(owned, e => Assert.Contains(e.GetDeclaredQueryFilters(), f => f.Key == TenantFilters.Operator));
        Assert.All(
            owned.Where(e => typeof(ICompanyOwned).IsAssignableFrom(e.ClrType) || typeof(ICompanyRoot).IsAssignableFrom(e.ClrType)),
            e => Assert.Contains(e.GetDeclaredQueryFilters(), f => f.Key == TenantFilters.Company));
    }

    [Fact]
    public async Task Queries_NoTenant_SeeNoTenantRows()
    {
        await using var db = _seeded.As(_ => { });

        Assert.Equal(0, await db.Operators.CountAsync());
        Assert.Equal(0, await db.Companies.CountAsync());
        Assert.Equal(0, await db.Sites.CountAsync());
        Assert.Equal(0, await db.Sensors.CountAsync());
        Assert.Equal(0, await db.Devices.CountAsync());
        Assert.Equal(0, await db.Vendors.CountAsync());
        Assert.Equal(0, await db.Insurers.CountAsync());
        Assert.Equal(0, await db.SocProviders.CountAsync());
        Assert.Equal(0, await db.CompanyContacts.CountAsync());
    }

    [Fact]
    public async Task Queries_OperatorScope_SeeOnlyOwnOperatorsRows()
    {
        await using var db = _seeded.As(t => t.UseOperator(_tohoku));
        var all = await _seeded.SystemQueryAsync(async s => (await s.Companies.CountAsync(), await s.Devices.CountAsync(d => d.OperatorId == _tohoku)));

        Assert.Equal(20, await db.Companies.CountAsync());
        Assert.True(all.Item1 > 20);
        Assert.Equal(all.Item2, await db.Devices.CountAsync());
        Assert.All(await db.Sites.ToListAsync(), s => Assert.Equal(_tohoku, s.OperatorId));
        Assert.All(await db.Vendors.ToListAsync(), v => Assert.Equal(_tohoku, v.OperatorId));
        Assert.Equal([_tohoku], await db.Operators.Select(o => o.Id).ToListAsync());
        Assert.Equal(1, await db.Insurers.CountAsync());
    }

    [Fact]
    public async Task Queries_MemberScope_SeeOnlyOwnCompanyRows()
    {
        await using var db = _seeded.As(t => t.UseMember(_tohoku, _aoba));

        Assert.Equal([_aoba], await db.Companies.Select(c => c.Id).ToListAsync());
        Assert.NotEmpty(await db.Devices.ToListAsync());
        Assert.All(await db.Devices.ToListAsync(), d => Assert.Equal(_aoba, d.CompanyId));
        Assert.All(await db.Sensors.ToListAsync(), s => Assert.Equal(_aoba, s.CompanyId));
        Assert.All(await db.CompanyContacts.ToListAsync(), c => Assert.Equal(_aoba, c.CompanyId));
    }

    [Fact]
    public async Task Queries_MemberScopeWithOtherOperator_SeesNothing()
    {
        // A forged claim pairing company A with another operator must not open anything.
        await using var db = _seeded.As(t => t.UseMember(_hokuriku, _aoba));

        Assert.Equal(0, await db.Companies.CountAsync());
        Assert.Equal(0, await db.Devices.CountAsync());
    }

    [Fact]
    public async Task Queries_VendorScope_SeeOwnVendorAndNoCompanyData()
    {
        await using var db = _seeded.As(t => t.UseVendor(_tohoku, _michinoku));

        Assert.Equal([_michinoku], await db.Vendors.Select(v => v.Id).ToListAsync());
        Assert.Equal(0, await db.Companies.CountAsync());
        Assert.Equal(0, await db.Sites.CountAsync());
        Assert.Equal(0, await db.Sensors.CountAsync());
        Assert.Equal(0, await db.Devices.CountAsync());
    }
}
