using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Regions;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Features.Companies;

public sealed class ListCompaniesTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>, IAsyncLifetime
{
    private readonly SeededDatabase _seeded = fixture.Seeded;
    private int _tohoku;

    public async Task InitializeAsync()
    {
        _tohoku = await _seeded.SystemQueryAsync(db => db.Operators.Where(o => o.Name.Contains("東北")).Select(o => o.Id).SingleAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Handle_NoFilter_ListsOperatorsTwentyCompaniesWithSensorCounts()
    {
        await using var db = _seeded.As(t => t.UseOperator(_tohoku));
        var companies = await new ListCompaniesHandler(db).HandleAsync(new ListCompaniesQuery(), CancellationToken.None);

        Assert.Equal(20, companies.Count);
        Assert.All(companies, c => Assert.True(c.SensorCount >= 1, c.Name));
        Assert.DoesNotContain(companies, c => c.Name == "株式会社金沢工芸社");
    }

    [Fact]
    public async Task Handle_IndustryAndPrefecture_FiltersBoth()
    {
        await using var db = _seeded.As(t => t.UseOperator(_tohoku));
        var companies = await new ListCompaniesHandler(db).HandleAsync(
            new ListCompaniesQuery(Industry: Industry.Manufacturing, Prefecture: Prefecture.Fukushima), CancellationToken.None);

        Assert.Equal(["株式会社いわき精機"], companies.Select(c => c.Name));
    }

    [Fact]
    public async Task Handle_SearchByKana_FindsCompany()
    {
        await using var db = _seeded.As(t => t.UseOperator(_tohoku));
        var companies = await new ListCompaniesHandler(db).HandleAsync(new ListCompaniesQuery(Search: "アオバ"), CancellationToken.None);

        Assert.Equal(["株式会社青葉商事"], companies.Select(c => c.Name));
    }

    [Fact]
    public async Task GetCompanyDetail_OtherOperatorsCompany_ReturnsNull()
    {
        var other = await _seeded.SystemQueryAsync(db => db.Companies.Where(c => c.Name == "株式会社金沢工芸社").Select(c => c.Id).SingleAsync());
        await using var db = _seeded.As(t => t.UseOperator(_tohoku));

        Assert.Null(await new GetCompanyDetailHandler(db).HandleAsync(other, CancellationToken.None));
    }

    [Fact]
    public async Task GetCompanyDetail_OwnCompany_HasSitesSensorsAndDevices()
    {
        var aoba = await _seeded.SystemQueryAsync(db => db.Companies.Where(c => c.Name == "株式会社青葉商事").Select(c => c.Id).SingleAsync());
        await using var db = _seeded.As(t => t.UseMember(_tohoku, aoba));
        var detail = await new GetCompanyDetailHandler(db).HandleAsync(aoba, CancellationToken.None);

        Assert.NotNull(detail);
        Assert.NotEmpty(detail.Sites);
        Assert.NotEmpty(detail.Sites[0].Sensors);
        // Eight seeded from the company's PC count, plus the inventory's phone and VPN duplicate (DemoSeeder.Devices.cs).
        Assert.Equal(10, detail.Devices.Count);
        Assert.Single(detail.Contacts);
    }
}
