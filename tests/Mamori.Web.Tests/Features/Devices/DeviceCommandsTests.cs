using System.Text;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Features.Devices;

/// <summary>Edit, merge and the CSV sheet of the inventory, and who may do what.</summary>
public sealed class DeviceCommandsTests : IAsyncLifetime
{
    private DeviceTestContext _t = null!;

    public async Task InitializeAsync() => _t = await DeviceTestContext.CreateAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private async Task<int> AddDeviceAsync(int companyId, string name, string? mac, string? ip = null, int? hoursAgo = null)
    {
        await using var db = _t.System();
        var operatorId = await db.Companies.Where(c => c.Id == companyId).Select(c => c.OperatorId).SingleAsync();
        var device = new Device
        {
            OperatorId = operatorId,
            CompanyId = companyId,
            Name = name,
            Kind = DeviceKind.Other,
            MacAddress = mac,
            IpAddress = ip,
            LastSeen = hoursAgo is { } h ? _t.Time.GetUtcNow().AddHours(-h) : null,
            Discovered = true,
        };
        db.Devices.Add(device);
        await db.SaveChangesAsync();
        return device.Id;
    }

    [Fact]
    public async Task Update_MemberEditsOwnDevice_Saved()
    {
        var id = await AddDeviceAsync(_t.Aoba, "DESKTOP-7Q", "00:1b:21:00:00:01");
        await using (var db = _t.Member(_t.Aoba))
        {
            var result = await new UpdateDeviceHandler(db).HandleAsync(
                new UpdateDeviceRequest(id, " 経理の山田さんのノートPC ", DeviceKind.Pc, "山田 花子", "2階 経理室", "会計ソフト", "  ", null), CancellationToken.None);
            Assert.True(result.Succeeded);
        }

        await using var check = _t.System();
        var device = await check.Devices.SingleAsync(d => d.Id == id);
        Assert.Equal(("経理の山田さんのノートPC", DeviceKind.Pc, "山田 花子", "2階 経理室", "会計ソフト", (string?)null),
            (device.Name, device.Kind, device.UsedBy, device.Location, device.Purpose, device.Notes));
    }

    [Fact]
    public async Task Update_InvalidInput_FieldErrorsAndNothingSaved()
    {
        var id = await AddDeviceAsync(_t.Aoba, "DESKTOP-7Q", null);
        int otherSite;
        await using (var sys = _t.System())
        {
            otherSite = await sys.Sites.Where(s => s.CompanyId == _t.Minato).Select(s => s.Id).FirstAsync();
        }

        await using (var db = _t.Staff())
        {
            var result = await new UpdateDeviceHandler(db).HandleAsync(
                new UpdateDeviceRequest(id, "", (DeviceKind)99, new string('あ', 101), null, null, null, otherSite), CancellationToken.None);
            Assert.False(result.Succeeded);
            Assert.Equal(["Device.NameRequired:Name", "Device.KindInvalid:Kind", "Device.TooLong:UsedBy", "Device.UnknownSite:SiteId"],
                result.Errors.Select(e => e.Key + ":" + e.Field).ToList());
        }

        await using var check = _t.System();
        Assert.Equal("DESKTOP-7Q", (await check.Devices.SingleAsync(d => d.Id == id)).Name);
    }

    [Fact]
    public async Task Update_MemberOfOtherCompany_NotFoundAndUnchanged()
    {
        var id = await AddDeviceAsync(_t.Aoba, "社長のPC", null);
        await using (var db = _t.Member(_t.Minato))
        {
            Assert.False(await db.Devices.AnyAsync(d => d.Id == id));
            Assert.DoesNotContain(await new ListDevicesHandler(db).HandleAsync(new ListDevicesQuery(), CancellationToken.None), d => d.CompanyId == _t.Aoba);
            Assert.Null(await new GetDeviceHandler(db).HandleAsync(id, CancellationToken.None));
            var result = await new UpdateDeviceHandler(db).HandleAsync(new UpdateDeviceRequest(id, "乗っ取り", DeviceKind.Pc, null, null, null, null, null), CancellationToken.None);
            Assert.Equal("Device.NotFound", Assert.Single(result.Errors).Key);
            var merge = await new MergeDevicesHandler(db).HandleAsync(new MergeDevicesRequest(id, [id, await AddDeviceAsync(_t.Minato, "x", null)]), CancellationToken.None);
            Assert.False(merge.Succeeded);
            var import = await new ImportDevicesHandler(db).HandleAsync(new ImportDevicesRequest(_t.Aoba, Csv("名前\nx\n")), CancellationToken.None);
            Assert.Equal("Import.UnknownCompany", Assert.Single(import.Errors).Key);
        }

        await using var check = _t.System();
        Assert.Equal("社長のPC", (await check.Devices.SingleAsync(d => d.Id == id)).Name);
    }

    [Fact]
    public async Task Merge_ThreeRows_AddressesAlertsIncidentsObservationsMovedAndOthersDeleted()
    {
        var keep = await AddDeviceAsync(_t.Aoba, "経理のパソコン", null, hoursAgo: 5);
        var routed = await AddDeviceAsync(_t.Aoba, "FMV-A123", null, "10.0.0.5", hoursAgo: 1);
        var local = await AddDeviceAsync(_t.Aoba, "Intel aa:00:01", "00:1b:21:aa:00:01", "192.168.9.5", hoursAgo: 2);
        int alert, incident;
        await using (var sys = _t.System())
        {
            var now = _t.Time.GetUtcNow();
            sys.DeviceAddresses.AddRange(
                new DeviceAddress { OperatorId = _t.Tohoku, CompanyId = _t.Aoba, DeviceId = routed, IpAddress = "10.0.0.5", FirstSeen = now.AddHours(-3), LastSeen = now.AddHours(-1) },
                new DeviceAddress { OperatorId = _t.Tohoku, CompanyId = _t.Aoba, DeviceId = local, IpAddress = "192.168.9.5", FirstSeen = now.AddHours(-4), LastSeen = now.AddHours(-2) });
            var a = new SecurityAlert { OperatorId = _t.Tohoku, CompanyId = _t.Aoba, DeviceId = local, Evidence = "test", FirstSeen = now, LastSeen = now, ReceivedAt = now, UpdatedAt = now };
            var i = new Incident { OperatorId = _t.Tohoku, CompanyId = _t.Aoba, DeviceId = routed, Title = "test" };
            sys.SecurityAlerts.Add(a);
            sys.Incidents.Add(i);
            var o = _t.Sighting("00:1b:21:aa:00:01", "192.168.9.5", now, now);
            o.DeviceId = local;
            o.ProcessedAt = now;
            sys.DeviceObservations.Add(o);
            await sys.SaveChangesAsync();
            (alert, incident) = (a.Id, i.Id);
        }

        await using (var db = _t.Member(_t.Aoba))
        {
            var result = await new MergeDevicesHandler(db).HandleAsync(new MergeDevicesRequest(keep, [routed, local]), CancellationToken.None);
            Assert.True(result.Succeeded, string.Join(",", result.Errors));
            Assert.Equal(2, result.Count);
        }

        await using var check = _t.System();
        Assert.False(await check.Devices.AnyAsync(d => d.Id == routed || d.Id == local));
        var kept = await check.Devices.SingleAsync(d => d.Id == keep);
        Assert.Equal(("経理のパソコン", "00:1b:21:aa:00:01", "10.0.0.5"), (kept.Name, kept.MacAddress, kept.IpAddress));
        Assert.Equal(2, await check.DeviceAddresses.CountAsync(a => a.DeviceId == keep));
        Assert.Equal(keep, (await check.SecurityAlerts.SingleAsync(a => a.Id == alert)).DeviceId);
        Assert.Equal(keep, (await check.Incidents.SingleAsync(i => i.Id == incident)).DeviceId);
        Assert.Equal(1, await check.DeviceObservations.CountAsync(o => o.DeviceId == keep));
        Assert.Equal(keep, await ResolveDeviceAtTime.HandleAsync(check, _t.Aoba, "192.168.9.5", _t.Time.GetUtcNow().AddHours(-3), CancellationToken.None));
    }

    [Fact]
    public async Task Merge_DevicesOfTwoCompaniesOrOnlyOne_Refused()
    {
        var a = await AddDeviceAsync(_t.Aoba, "a", null);
        var b = await AddDeviceAsync(_t.Minato, "b", null);
        await using var db = _t.Staff();
        var handler = new MergeDevicesHandler(db);
        Assert.Equal("Merge.OneCompany", Assert.Single((await handler.HandleAsync(new MergeDevicesRequest(a, [a, b]), CancellationToken.None)).Errors).Key);
        Assert.Equal("Merge.ChooseTwo", Assert.Single((await handler.HandleAsync(new MergeDevicesRequest(a, [a]), CancellationToken.None)).Errors).Key);
        Assert.Equal(2, await db.Devices.CountAsync(d => d.Id == a || d.Id == b));
    }

    [Fact]
    public async Task Csv_ExportThenImportEdited_RoundTripsCompanyColumns()
    {
        var id = await AddDeviceAsync(_t.Aoba, "DESKTOP-7Q", "00:1b:21:00:00:07", "192.168.9.7");
        byte[] sheet;
        await using (var db = _t.Member(_t.Aoba))
        {
            sheet = await DeviceCsv.ExportAsync(db, _t.Aoba, CancellationToken.None);
        }

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, sheet[..3]);
        var text = Encoding.UTF8.GetString(sheet[3..]);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", DeviceCsv.Headers), lines[0]);
        var row = lines.Single(l => l.StartsWith(id + ",", StringComparison.Ordinal));
        Assert.Contains("DESKTOP-7Q,その他,,,,,00:1b:21:00:00:07,,192.168.9.7", row, StringComparison.Ordinal);

        // Edit the row as a person would in Excel, and add a printer by its MAC.
        var edited = text.Replace(row, row.Replace("DESKTOP-7Q,その他,,,,", "\"経理の山田さんのノートPC\",パソコン,山田 花子,2階 経理室,会計,\"メモ, 2025年購入\"", StringComparison.Ordinal), StringComparison.Ordinal)
            + ",複合機,複合機・プリンター,,1階,印刷,,00-80-77-12-34-56,,,,,,,\r\n";
        await using (var db = _t.Member(_t.Aoba))
        {
            var result = await new ImportDevicesHandler(db).HandleAsync(new ImportDevicesRequest(_t.Aoba, new MemoryStream([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(edited)])), CancellationToken.None);
            Assert.True(result.Succeeded, string.Join(";", result.Errors));
            Assert.Equal(lines.Length, result.Count);
        }

        await using var check = _t.System();
        var device = await check.Devices.SingleAsync(d => d.Id == id);
        Assert.Equal(("経理の山田さんのノートPC", DeviceKind.Pc, "山田 花子", "2階 経理室", "会計", "メモ, 2025年購入"),
            (device.Name, device.Kind, device.UsedBy, device.Location, device.Purpose, device.Notes));
        Assert.Equal("192.168.9.7", device.IpAddress);
        var printer = await check.Devices.SingleAsync(d => d.CompanyId == _t.Aoba && d.MacAddress == "00:80:77:12:34:56");
        Assert.Equal(("複合機", DeviceKind.Printer, "1階"), (printer.Name, printer.Kind, printer.Location));
    }

    [Fact]
    public async Task Csv_ImportWithBadRows_ReportsEveryLineAndChangesNothing()
    {
        var id = await AddDeviceAsync(_t.Aoba, "DESKTOP-7Q", "00:1b:21:00:00:07");
        var other = await AddDeviceAsync(_t.Minato, "みなとのPC", null);
        var sheet = $"""
            ID,名前,種類,使用者,MACアドレス
            {id},新しい名前,パソコン,山田,
            ,プリンター,プリンタ,,
            {other},他社の機器,パソコン,,
            ,,パソコン,,00:1b:21:00:00:99
            ,NAS,サーバー,,00:11:32:zz:00:01
            {id},重複,パソコン,,
            """;
        int before;
        await using (var sys = _t.System())
        {
            before = await sys.Devices.CountAsync();
        }

        await using (var db = _t.Member(_t.Aoba))
        {
            var result = await new ImportDevicesHandler(db).HandleAsync(new ImportDevicesRequest(_t.Aoba, Csv(sheet)), CancellationToken.None);
            Assert.False(result.Succeeded);
            Assert.Equal(
                ["3:Import.InvalidKind:プリンタ", "4:Import.UnknownId:" + other, "5:Device.NameRequired:", "6:Import.InvalidMac:00:11:32:zz:00:01", "7:Import.DuplicateRow:" + id],
                result.Errors.Select(e => $"{e.Line}:{e.Key}:{e.Argument}").ToList());
        }

        await using var check = _t.System();
        Assert.Equal(before, await check.Devices.CountAsync());
        Assert.Equal("DESKTOP-7Q", (await check.Devices.SingleAsync(d => d.Id == id)).Name);
    }

    [Fact]
    public async Task Csv_ImportWithoutNameColumnOrMalformed_Refused()
    {
        await using var db = _t.Member(_t.Aoba);
        var handler = new ImportDevicesHandler(db);
        Assert.Equal("Import.MissingHeader", Assert.Single((await handler.HandleAsync(new ImportDevicesRequest(_t.Aoba, Csv("ID,種類\n1,パソコン\n")), CancellationToken.None)).Errors).Key);
        Assert.Equal("Import.Empty", Assert.Single((await handler.HandleAsync(new ImportDevicesRequest(_t.Aoba, Csv("名前\n")), CancellationToken.None)).Errors).Key);
        var malformed = await handler.HandleAsync(new ImportDevicesRequest(_t.Aoba, Csv("名前,用途\n\"PC,会計\n")), CancellationToken.None);
        Assert.Equal("Import.Malformed", Assert.Single(malformed.Errors).Key);
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));
}
