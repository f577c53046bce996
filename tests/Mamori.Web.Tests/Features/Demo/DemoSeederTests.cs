using Mamori.Web.Data;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Demo;
using Mamori.Web.Features.Regions;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.Tests.Features.Demo;

public sealed class DemoSeederTests
{
    [Fact]
    public async Task SeedIfEmpty_TwoDatabases_GiveIdenticalRows()
    {
        await using var first = await SeededDatabase.CreateAsync();
        await using var second = await SeededDatabase.CreateAsync();

        Assert.Equal(await DumpAsync(first), await DumpAsync(second));
    }

    [Fact]
    public async Task SeedIfEmpty_Tohoku_CoversAllIndustriesAndSixPrefectures()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        var companies = await seeded.SystemQueryAsync(db =>
            db.Companies.Where(c => c.OperatorId == db.Operators.Where(o => o.Name.Contains("東北")).Select(o => o.Id).First()).ToListAsync());

        Assert.Equal(20, companies.Count);
        Assert.Equal(Enum.GetValues<Industry>().Order(), companies.Select(c => c.Industry).Distinct().Order());
        Assert.Equal(Prefectures.Tohoku.Order(), companies.Select(c => c.Prefecture).Distinct().Order());
    }

    [Fact]
    public async Task SeedIfEmpty_SecondRun_ChangesNothing()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        var before = await DumpAsync(seeded);

        await using var services = SeededDatabase.BuildServices(seeded.Database);
        await using var scope = services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None));
        Assert.Equal(before, await DumpAsync(seeded));
    }

    [Fact]
    public async Task SeedIfEmpty_EveryDemoLogin_ExistsWithItsRole()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        var users = await seeded.SystemQueryAsync(db =>
            (from u in db.Users
             join ur in db.UserRoles on u.Id equals ur.UserId
             join r in db.Roles on ur.RoleId equals r.Id
             select new { u.Email, r.Name }).ToListAsync());

        foreach (var login in DemoLogins.All)
        {
            Assert.Contains(users, u => u.Email == login.Email && u.Name == login.Role);
        }
    }

    private static Task<List<string>> DumpAsync(SeededDatabase seeded) => seeded.SystemQueryAsync(async db =>
    {
        var lines = new List<string>();
        lines.AddRange(await db.Operators.OrderBy(x => x.Id).Select(x => $"op {x.Id} {x.Name}").ToListAsync());
        lines.AddRange(await db.Companies.OrderBy(x => x.Id).Select(x => $"co {x.Id} {x.OperatorId} {x.Name} {x.Industry} {x.Prefecture} {x.PcCount}").ToListAsync());
        lines.AddRange(await db.Sites.OrderBy(x => x.Id).Select(x => $"site {x.Id} {x.CompanyId} {x.Name} {x.Kind}").ToListAsync());
        lines.AddRange(await db.Sensors.OrderBy(x => x.Id).Select(x => $"sensor {x.Id} {x.SiteId} {x.SerialNumber} {x.Status}").ToListAsync());
        lines.AddRange(await db.Devices.OrderBy(x => x.Id).Select(x => $"device {x.Id} {x.CompanyId} {x.Name} {x.IpAddress} {x.MacAddress}").ToListAsync());
        lines.AddRange(await db.Vendors.OrderBy(x => x.Id).Select(x => $"vendor {x.Id} {x.Name}").ToListAsync());
        lines.AddRange(await db.Users.OrderBy(x => x.Id).Select(x => $"user {x.Id} {x.Email} {x.OperatorId} {x.CompanyId} {x.VendorId}").ToListAsync());
        return lines;
    });
}
