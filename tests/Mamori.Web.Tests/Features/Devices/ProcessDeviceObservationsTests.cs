using Mamori.Web.Data;
using Mamori.Web.Features.Devices;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Features.Devices;

/// <summary>Observations folded into the inventory, and IPs resolved at a time, on SQLite and PostgreSQL.</summary>
public sealed class ProcessDeviceObservationsTests
{
    private const string PcA = "00:1b:21:aa:00:01";
    private const string PcB = "00:1b:21:bb:00:02";

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(9)).ToUniversalTime();

    [Fact]
    public Task Process_DhcpLeaseChangesOverTime_ResolvesIpAtTimeCorrectly_Sqlite() => LeaseChangeAsync(DatabaseProvider.Sqlite);

    [PostgresFact]
    public Task Process_DhcpLeaseChangesOverTime_ResolvesIpAtTimeCorrectly_Postgres() => LeaseChangeAsync(DatabaseProvider.Postgres);

    /// <summary>
    /// Acceptance: .50 is PC A's on Monday; on Tuesday morning the DHCP server gives it to PC B and A gets
    /// .51. Every time resolves to the device that had the address then. Observations arrive in two
    /// batches, the second one out of order.
    /// </summary>
    private static async Task LeaseChangeAsync(DatabaseProvider provider)
    {
        await using var t = await DeviceTestContext.CreateAsync(provider);
        await t.ObserveAsync(
            t.Sighting(PcA, "192.168.9.50", At(16, 8, 30), At(16, 12, 0), host: "PC-A01", vendorClass: "MSFT 5.0"),
            t.Sighting(PcA, "192.168.9.50", At(16, 12, 0), At(16, 18, 0), source: "arp"));
        Assert.Equal(new ProcessObservationsResult(2, 0, 1), await t.ProcessAsync());

        await t.ObserveAsync(
            t.Sighting(PcA, "192.168.9.51", At(17, 9, 5), At(17, 17, 30), host: "PC-A01"),
            t.Sighting(PcB, "192.168.9.50", At(17, 9, 0), At(17, 18, 0), host: "DESKTOP-B7"));
        Assert.Equal(new ProcessObservationsResult(2, 0, 1), await t.ProcessAsync());

        await using var db = t.System();
        var a = await db.Devices.SingleAsync(d => d.CompanyId == t.Aoba && d.MacAddress == PcA);
        var b = await db.Devices.SingleAsync(d => d.CompanyId == t.Aoba && d.MacAddress == PcB);

        async Task<int?> Resolve(string ip, DateTimeOffset at) => await ResolveDeviceAtTime.HandleAsync(db, t.Aoba, ip, at, CancellationToken.None);
        Assert.Equal(a.Id, await Resolve("192.168.9.50", At(16, 10)));
        Assert.Equal(a.Id, await Resolve("192.168.9.50", At(16, 23)));     // lease still A's after its last packet
        Assert.Equal(a.Id, await Resolve("192.168.9.50", At(17, 8, 59)));
        Assert.Equal(b.Id, await Resolve("192.168.9.50", At(17, 9, 0)));
        Assert.Equal(b.Id, await Resolve("192.168.9.50", At(17, 15)));
        Assert.Equal(a.Id, await Resolve("192.168.9.51", At(17, 12)));
        Assert.Null(await Resolve("192.168.9.51", At(17, 9, 0)));          // A had not taken .51 yet
        Assert.Null(await Resolve("192.168.9.50", At(16, 8, 0)));          // before anyone had it
        Assert.Null(await Resolve("192.168.9.50", At(20, 12)));            // long after the last sighting
        Assert.Null(await ResolveDeviceAtTime.HandleAsync(db, t.Minato, "192.168.9.50", At(16, 10), CancellationToken.None)); // another company

        var periods = (await db.DeviceAddresses.Where(x => x.IpAddress == "192.168.9.50").ToListAsync()).OrderBy(x => x.FirstSeen).ToList();
        Assert.Equal(2, periods.Count);
        Assert.Equal((a.Id, At(16, 8, 30), At(16, 18, 0)), (periods[0].DeviceId, periods[0].FirstSeen, periods[0].LastSeen));
        Assert.Equal((b.Id, At(17, 9, 0), At(17, 18, 0)), (periods[1].DeviceId, periods[1].FirstSeen, periods[1].LastSeen));

        Assert.Equal("192.168.9.51", a.IpAddress);
        Assert.Equal("192.168.9.50", b.IpAddress);
        Assert.Equal(At(16, 8, 30), a.FirstSeen);
        Assert.Equal(At(17, 17, 30), a.LastSeen);
        Assert.Equal("Windows", a.OsHint);
        Assert.Equal(DeviceKind.Pc, a.Kind);
        Assert.Equal("Intel Corporate", a.Vendor);
        Assert.True(a.Discovered);

        var described = await ResolveDeviceAtTime.DescribeAsync(db, t.Aoba, "192.168.9.50", At(16, 10), CancellationToken.None);
        Assert.Equal("PC-A01", described!.DisplayName);
    }

    [Fact]
    public async Task Process_LeaseTakenWhileOldPeriodRan_ClosesOldPeriodAtTheChange()
    {
        await using var t = await DeviceTestContext.CreateAsync();
        // A's sighting runs to 18:00, but B got the address at 13:00 (A left early; its ARP entry lingered).
        await t.ObserveAsync(
            t.Sighting(PcA, "192.168.9.60", At(16, 9), At(16, 18)),
            t.Sighting(PcB, "192.168.9.60", At(16, 13), At(16, 17)));
        await t.ProcessAsync();

        await using var db = t.System();
        var a = await db.Devices.SingleAsync(d => d.MacAddress == PcA);
        var periodOfA = await db.DeviceAddresses.SingleAsync(x => x.DeviceId == a.Id);
        Assert.Equal(At(16, 13), periodOfA.LastSeen);
        var b = await db.Devices.SingleAsync(d => d.MacAddress == PcB);
        Assert.Equal(b.Id, await ResolveDeviceAtTime.HandleAsync(db, t.Aoba, "192.168.9.60", At(16, 14), CancellationToken.None));
        Assert.Equal(a.Id, await ResolveDeviceAtTime.HandleAsync(db, t.Aoba, "192.168.9.60", At(16, 12), CancellationToken.None));
    }

    [Fact]
    public async Task Process_Twice_AndSameSightingAgain_ChangesNothing()
    {
        await using var t = await DeviceTestContext.CreateAsync();
        await t.ObserveAsync(t.Sighting(PcA, "192.168.9.70", At(16, 9), At(16, 10), names: "FMV-A123|fmv-a123.local"));
        await t.ProcessAsync();
        Assert.Equal(new ProcessObservationsResult(0, 0, 0), await t.ProcessAsync());

        await t.ObserveAsync(t.Sighting(PcA, "192.168.9.70", At(16, 9), At(16, 10), names: "FMV-A123"));
        Assert.Equal(new ProcessObservationsResult(1, 0, 0), await t.ProcessAsync());

        await using var db = t.System();
        var device = await db.Devices.SingleAsync(d => d.MacAddress == PcA);
        Assert.Equal(1, await db.DeviceAddresses.CountAsync(x => x.DeviceId == device.Id));
        Assert.Equal("FMV-A123|fmv-a123.local", device.Names);
        Assert.Equal(2, await db.DeviceObservations.CountAsync(o => o.DeviceId == device.Id));
    }

    [Fact]
    public async Task Process_BadObservation_MarkedWithErrorAndOthersStillFolded()
    {
        await using var t = await DeviceTestContext.CreateAsync();
        await t.ObserveAsync(
            t.Sighting(PcA, "not-an-ip", At(16, 9), At(16, 10)),
            t.Sighting("zz:zz", "192.168.9.80", At(16, 9), At(16, 10)),
            t.Sighting(PcB, "192.168.9.81", At(16, 10), At(16, 9)),
            t.Sighting(PcB, "192.168.9.82", At(16, 9), At(16, 10)));

        Assert.Equal(new ProcessObservationsResult(1, 3, 1), await t.ProcessAsync());

        await using var db = t.System();
        var observations = await db.DeviceObservations.Where(o => o.CompanyId == t.Aoba && o.ProcessedAt != null && o.Error != null).Select(o => o.Error).ToListAsync();
        Assert.Equal(["InvalidIp", "InvalidMac", "InvalidTime"], observations.Order().ToList());
        Assert.Equal(0, await db.DeviceObservations.CountAsync(o => o.ProcessedAt == null));
        Assert.False(await db.Devices.AnyAsync(d => d.MacAddress == PcA));
    }

    [Fact]
    public async Task Process_RoutedByHostNameThenLocalWithMac_IsOneDevice()
    {
        await using var t = await DeviceTestContext.CreateAsync();
        await t.ObserveAsync(t.Sighting(null, "10.20.0.15", At(16, 9), At(16, 10), source: "traffic", host: "NAS-01"));
        await t.ProcessAsync();
        await t.ObserveAsync(t.Sighting("00:11:32:0a:0b:0c", "10.20.0.15", At(16, 11), At(16, 12), source: "mdns", host: "nas-01", names: "NAS-01._smb._tcp.local"));
        await t.ProcessAsync();

        await using var db = t.System();
        var device = await db.Devices.SingleAsync(d => d.CompanyId == t.Aoba && d.MacAddress == "00:11:32:0a:0b:0c");
        Assert.Equal("00:11:32:0a:0b:0c", device.MacAddress);
        Assert.Equal("Synology Incorporated", device.Vendor);
        Assert.Equal(DeviceKind.Server, device.Kind);
        Assert.Equal(1, await db.DeviceAddresses.CountAsync(x => x.DeviceId == device.Id));
    }

    [Fact]
    public async Task Process_OnlyAnIp_GoesToWhoeverHadItThen()
    {
        await using var t = await DeviceTestContext.CreateAsync();
        await t.ObserveAsync(t.Sighting(PcA, "192.168.9.90", At(16, 9), At(16, 10), host: "PC-A01"));
        await t.ProcessAsync();
        await t.ObserveAsync(t.Sighting(null, "192.168.9.90", At(16, 11), At(16, 12), source: "traffic", userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"));
        Assert.Equal(new ProcessObservationsResult(1, 0, 0), await t.ProcessAsync());

        await using var db = t.System();
        var device = await db.Devices.SingleAsync(d => d.MacAddress == PcA);
        Assert.Equal(At(16, 12), device.LastSeen);
        Assert.Equal("Edge", device.SoftwareHints);
    }

    [Fact]
    public async Task Process_PhoneWithRandomMacAndPrinter_KindVendorAndHints()
    {
        await using var t = await DeviceTestContext.CreateAsync();
        await t.ObserveAsync(
            t.Sighting("da:a1:19:33:44:55", "192.168.9.101", At(16, 9), At(16, 10), vendorClass: "android-dhcp-13", host: "Galaxy-S23"),
            t.Sighting("da:a1:19:33:44:55", "192.168.9.101", At(16, 10), At(16, 11), source: "traffic", userAgent: "Mozilla/5.0 (Linux; Android 13; SC-51D) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"),
            t.Sighting("00:80:77:12:34:56", "192.168.9.102", At(16, 9), At(16, 10), source: "mdns", names: "Brother MFC-L2750DW._ipp._tcp.local"),
            t.Sighting("f2:00:00:00:00:07", "192.168.9.103", At(16, 9), At(16, 10), source: "traffic", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"));
        Assert.Equal(new ProcessObservationsResult(4, 0, 3), await t.ProcessAsync());

        await using var db = t.System();
        var android = await db.Devices.SingleAsync(d => d.MacAddress == "da:a1:19:33:44:55");
        Assert.True(android.RandomMac);
        Assert.Null(android.Vendor);
        Assert.Equal(DeviceKind.Smartphone, android.Kind);
        Assert.Equal("Android 13", android.OsHint);
        Assert.Equal("Chrome", android.SoftwareHints);

        var printer = await db.Devices.SingleAsync(d => d.MacAddress == "00:80:77:12:34:56");
        Assert.Equal(DeviceKind.Printer, printer.Kind);
        Assert.Equal("Brother industries, LTD.", printer.Vendor);
        Assert.Equal("Brother MFC-L2750DW._ipp._tcp.local", printer.Name);

        var iphone = await db.Devices.SingleAsync(d => d.MacAddress == "f2:00:00:00:00:07");
        Assert.Equal(("iOS", "Safari", DeviceKind.Smartphone, true), (iphone.OsHint, iphone.SoftwareHints, iphone.Kind, iphone.RandomMac));
        Assert.Equal("ランダムMAC 00:00:07", iphone.Name);
    }

    [Fact]
    public async Task Demo_AobaLaptopLeaseMovedToPhone_ResolvesAndNamesBoth()
    {
        await using var t = await DeviceTestContext.CreateAsync();
        await using var db = t.System();
        var laptop = await db.Devices.SingleAsync(d => d.CompanyId == t.Aoba && d.MacAddress == "00:0b:5d:62:a1:23");
        var oldIp = await db.DeviceAddresses.Where(a => a.DeviceId == laptop.Id && a.IpAddress != laptop.IpAddress).Select(a => a.IpAddress).SingleAsync();
        var before = await ResolveDeviceAtTime.DescribeAsync(db, t.Aoba, oldIp, At(10, 12).AddMonths(-1), CancellationToken.None);
        var after = await ResolveDeviceAtTime.DescribeAsync(db, t.Aoba, oldIp, At(25, 12).AddMonths(-1), CancellationToken.None);
        Assert.Equal("経理の山田さんのノートPC · 山田 恵子 · 2階 経理室 (FMV-A123)", before!.DisplayName);
        Assert.Equal(DeviceKind.Smartphone, after!.Kind);
        Assert.Equal(laptop.Id, await ResolveDeviceAtTime.HandleAsync(db, t.Aoba, laptop.IpAddress!, At(25, 12).AddMonths(-1), CancellationToken.None));
        Assert.Equal(0, await db.DeviceObservations.CountAsync(o => o.ProcessedAt == null));
    }
}
