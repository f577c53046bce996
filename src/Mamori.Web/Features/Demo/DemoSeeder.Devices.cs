using Mamori.Web.Features.Devices;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Demo;

/// <summary>
/// The device inventory of October 2026: every demo device was seen all month at its address; at
/// 株式会社青葉商事 the devices carry what the sensor and the company know (makers, OS, users,
/// places), the accounting laptop's DHCP lease moved on 20 October (its old address went to a
/// phone with a random MAC), and the laptop was also seen over the VPN under its host name only,
/// a duplicate row to merge. Fixed data, fixed order.
/// </summary>
public sealed partial class DemoSeeder
{
    // (seeded name, new name or null, host, MAC, maker, OS, software, user, location, purpose)
    private static readonly (string Name, string? Rename, string Host, string Mac, string? Vendor, string? Os, string? Software, string? UsedBy, string? Location, string? Purpose)[] s_aobaDevices =
    [
        ("社長のパソコン", null, "DESKTOP-ITO01", "00:1b:21:4a:10:01", "Intel Corporate", "Windows", "Edge|Chrome", "伊藤 誠", "2階 社長室", "メール・見積書"),
        ("経理のパソコン", "経理の山田さんのノートPC", "FMV-A123", "00:0b:5d:62:a1:23", "FUJITSU LIMITED", "Windows", "Edge|MSFT 5.0", "山田 恵子", "2階 経理室", "会計ソフト・ネットバンキング"),
        ("無線LANルーター", null, "rtx830", "ac:44:f2:30:00:01", "YAMAHA CORPORATION", null, null, null, "1階 事務所 棚の上", "インターネット接続・社内無線LAN"),
        ("複合機", null, "BRN3C2AF4", "00:80:77:3c:2a:f4", "Brother industries, LTD.", null, null, null, "1階 事務所", "印刷・スキャン・FAX"),
        ("受付のパソコン", null, "DESKTOP-UKE01", "00:1b:21:4a:10:05", "Intel Corporate", "Windows", "Chrome", "佐藤 美香", "1階 受付", "来客対応・予約管理"),
        ("営業のノートパソコン", null, "Sales-MacBook-Air", "f0:18:98:77:01:06", "Apple, Inc.", "macOS", "Safari", "高橋 健", "持ち出し(営業)", "提案資料・外出先でのメール"),
        ("ファイルサーバー", "NAS(ファイルサーバー)", "AOBA-NAS", "00:11:32:ab:00:07", "Synology Incorporated", "Linux", null, null, "2階 サーバーラック", "共有フォルダ・バックアップ"),
        ("事務のパソコン", null, "DESKTOP-JIM01", "00:1b:21:4a:10:08", "Intel Corporate", "Windows", "Edge", "鈴木 直子", "1階 事務所", "受発注・請求書"),
    ];

    private async Task SeedDeviceInventoryAsync(CancellationToken cancellationToken)
    {
        var monthStart = s_month.AddHours(8.5);
        var monthEnd = s_month.AddDays(30).AddHours(18);
        var devices = await _db.Devices.OrderBy(d => d.Id).ToListAsync(cancellationToken);
        foreach (var device in devices.Where(d => d.IpAddress is not null))
        {
            device.FirstSeen = monthStart;
            device.LastSeen = monthEnd;
            device.RandomMac = MacAddress.IsLocallyAdministered(device.MacAddress);
            _db.DeviceAddresses.Add(new DeviceAddress
            {
                OperatorId = device.OperatorId,
                CompanyId = device.CompanyId,
                DeviceId = device.Id,
                IpAddress = device.IpAddress!,
                FirstSeen = monthStart,
                LastSeen = monthEnd,
            });
        }

        var aoba = await _db.Companies.Where(c => c.Name == "株式会社青葉商事").Select(c => new { c.Id, c.OperatorId }).SingleAsync(cancellationToken);
        var aobaDevices = devices.Where(d => d.CompanyId == aoba.Id).ToList();
        foreach (var spec in s_aobaDevices)
        {
            var device = aobaDevices.Single(d => d.Name == spec.Name);
            device.Name = spec.Rename ?? spec.Name;
            device.HostName = spec.Host;
            device.MacAddress = spec.Mac;
            device.RandomMac = false;
            device.Vendor = spec.Vendor;
            device.OsHint = spec.Os;
            device.SoftwareHints = spec.Software;
            device.UsedBy = spec.UsedBy;
            device.Location = spec.Location;
            device.Purpose = spec.Purpose;
            device.Names = spec.Host + "|" + spec.Host.ToLowerInvariant() + ".local";
            device.Discovered = true;
        }

        await _db.SaveChangesAsync(cancellationToken);
        await SeedLeaseChangeAsync(aoba.Id, aoba.OperatorId, aobaDevices.Single(d => d.HostName == "FMV-A123"), cancellationToken);
    }

    /// <summary>20 October, 09:00: the laptop's lease moves to .31 and a phone takes its old address.</summary>
    private async Task SeedLeaseChangeAsync(int companyId, int operatorId, Device laptop, CancellationToken cancellationToken)
    {
        var change = s_month.AddDays(19).AddHours(9);
        var oldIp = laptop.IpAddress!;
        var newIp = oldIp[..(oldIp.LastIndexOf('.') + 1)] + "31";
        var period = await _db.DeviceAddresses.SingleAsync(a => a.DeviceId == laptop.Id, cancellationToken);
        period.LastSeen = change.AddMinutes(-10);
        _db.DeviceAddresses.Add(new DeviceAddress { OperatorId = operatorId, CompanyId = companyId, DeviceId = laptop.Id, IpAddress = newIp, FirstSeen = change.AddMinutes(5), LastSeen = laptop.LastSeen!.Value });
        laptop.IpAddress = newIp;

        var phone = new Device
        {
            OperatorId = operatorId,
            CompanyId = companyId,
            SiteId = laptop.SiteId,
            Name = "ランダムMAC 5e:22:01",
            Kind = DeviceKind.Smartphone,
            HostName = "Galaxy-S23",
            IpAddress = oldIp,
            MacAddress = "da:a1:19:5e:22:01",
            RandomMac = true,
            OsHint = "Android 14",
            SoftwareHints = "Chrome",
            Names = "Galaxy-S23",
            FirstSeen = change,
            LastSeen = laptop.LastSeen,
            Discovered = true,
        };
        var vpn = new Device
        {
            OperatorId = operatorId,
            CompanyId = companyId,
            Name = "FMV-A123",
            Kind = DeviceKind.Pc,
            HostName = "FMV-A123",
            IpAddress = "10.8.0.6",
            OsHint = "Windows",
            FirstSeen = s_month.AddDays(24).AddHours(20),
            LastSeen = s_month.AddDays(24).AddHours(22),
            Discovered = true,
        };
        _db.Devices.AddRange(phone, vpn);
        await _db.SaveChangesAsync(cancellationToken);

        _db.DeviceAddresses.AddRange(
            new DeviceAddress { OperatorId = operatorId, CompanyId = companyId, DeviceId = phone.Id, IpAddress = oldIp, FirstSeen = change, LastSeen = phone.LastSeen!.Value },
            new DeviceAddress { OperatorId = operatorId, CompanyId = companyId, DeviceId = vpn.Id, IpAddress = "10.8.0.6", FirstSeen = vpn.FirstSeen!.Value, LastSeen = vpn.LastSeen!.Value });

        // What the sensor shipped around the change, already folded in.
        DeviceObservation Seen(Device device, string ip, DateTimeOffset first, double hours, string source, string? vendorClass = null, string? userAgent = null) => new()
        {
            OperatorId = operatorId,
            CompanyId = companyId,
            SiteId = device.SiteId,
            DeviceId = device.Id,
            MacAddress = device.MacAddress,
            IpAddress = ip,
            HostName = device.HostName,
            VendorClass = vendorClass,
            UserAgent = userAgent,
            Source = source,
            FirstSeen = first,
            LastSeen = first.AddHours(hours),
            ReceivedAt = first.AddHours(hours).AddMinutes(1),
            ProcessedAt = first.AddHours(hours).AddMinutes(2),
        };
        _db.DeviceObservations.AddRange(
            Seen(laptop, oldIp, change.AddDays(-1).AddMinutes(-30), 9, "dhcp", vendorClass: "MSFT 5.0"),
            Seen(laptop, oldIp, change.AddDays(-1), 8, "traffic", userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"),
            Seen(phone, oldIp, change, 0.1, "dhcp", vendorClass: "android-dhcp-14"),
            Seen(laptop, newIp, change.AddMinutes(5), 8.5, "dhcp", vendorClass: "MSFT 5.0"),
            Seen(phone, oldIp, change.AddHours(1), 6, "traffic", userAgent: "Mozilla/5.0 (Linux; Android 14; SC-51D) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"),
            Seen(vpn, "10.8.0.6", vpn.FirstSeen.Value, 2, "traffic"));
        await _db.SaveChangesAsync(cancellationToken);
    }
}
