using Mamori.Web.Data;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Regions;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Data;

public sealed class TenantWriteGuardTests : IAsyncLifetime
{
    private SeededDatabase _seeded = null!;
    private int _tohoku;
    private int _hokuriku;
    private int _aoba;
    private int _minato;

    public async Task InitializeAsync()
    {
        _seeded = await SeededDatabase.CreateAsync();
        _tohoku = await _seeded.SystemQueryAsync(db => db.Operators.Where(o => o.Name.Contains("東北")).Select(o => o.Id).SingleAsync());
        _hokuriku = await _seeded.SystemQueryAsync(db => db.Operators.Where(o => o.Name.Contains("北陸")).Select(o => o.Id).SingleAsync());
        _aoba = await _seeded.SystemQueryAsync(db => db.Companies.Where(c => c.Name == "株式会社青葉商事").Select(c => c.Id).SingleAsync());
        _minato = await _seeded.SystemQueryAsync(db => db.Companies.Where(c => c.Name == "株式会社八戸みなと水産").Select(c => c.Id).SingleAsync());
    }

    public async Task DisposeAsync() => await _seeded.DisposeAsync();

    [Fact]
    public async Task SaveChanges_MemberAddsDeviceToOwnCompany_Saves()
    {
        await using var db = _seeded.As(t => t.UseMember(_tohoku, _aoba));
        db.Devices.Add(NewDevice(_tohoku, _aoba));

        Assert.Equal(1, await db.SaveChangesAsync());
    }

    [Fact]
    public async Task SaveChanges_MemberAddsDeviceToOtherCompany_Throws()
    {
        await using var db = _seeded.As(t => t.UseMember(_tohoku, _aoba));
        db.Devices.Add(NewDevice(_tohoku, _minato));

        await Assert.ThrowsAsync<TenantAccessException>(() => db.SaveChangesAsync());
        Assert.Equal(0, await _seeded.SystemQueryAsync(s => s.Devices.CountAsync(d => d.Name == "試験用パソコン")));
    }

    [Fact]
    public async Task SaveChanges_OperatorAddsCompanyToOtherOperator_Throws()
    {
        await using var db = _seeded.As(t => t.UseOperator(_tohoku));
        db.Companies.Add(new MemberCompany { OperatorId = _hokuriku, Name = "越境株式会社", Prefecture = Prefecture.Toyama });

        await Assert.ThrowsAsync<TenantAccessException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task SaveChanges_VendorChangesCompany_Throws()
    {
        var vendor = await _seeded.SystemQueryAsync(db => db.Vendors.Where(v => v.OperatorId == _tohoku).Select(v => v.Id).FirstAsync());
        await using var db = _seeded.As(t => t.UseVendor(_tohoku, vendor));
        db.Companies.Attach(new MemberCompany { Id = _aoba, OperatorId = _tohoku, Name = "株式会社青葉商事" }).Property(c => c.PcCount).IsModified = true;

        await Assert.ThrowsAsync<TenantAccessException>(() => db.SaveChangesAsync());
    }

    private static Device NewDevice(int operatorId, int companyId) => new()
    {
        OperatorId = operatorId,
        CompanyId = companyId,
        Name = "試験用パソコン",
        Kind = DeviceKind.Pc,
    };
}
