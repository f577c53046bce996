using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Devices;

/// <summary>Filters of the inventory list; all optional.</summary>
public sealed record ListDevicesQuery(int? CompanyId = null, string? Search = null, DeviceKind? Kind = null);

public sealed record DeviceListItem(
    int Id,
    int CompanyId,
    string CompanyName,
    string Name,
    string DisplayName,
    DeviceKind Kind,
    string? HostName,
    string? IpAddress,
    string? MacAddress,
    bool RandomMac,
    string? Vendor,
    string? OsHint,
    string? UsedBy,
    string? Location,
    DateTimeOffset? LastSeen,
    bool Discovered);

/// <summary>
/// The inventory as the user may see it: staff of the operator any of its companies, a member only
/// its own (the tenancy filters decide, not this query).
/// </summary>
public sealed class ListDevicesHandler(AppDbContext db)
{
    /// <summary>A page never lists more; the filters narrow it down.</summary>
    public const int Limit = 500;

    public async Task<IReadOnlyList<DeviceListItem>> HandleAsync(ListDevicesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var devices = db.Devices.AsNoTracking();
        if (query.CompanyId is { } companyId)
        {
            devices = devices.Where(d => d.CompanyId == companyId);
        }

        if (query.Kind is { } kind)
        {
            devices = devices.Where(d => d.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            var mac = MacAddress.Normalize(s) ?? s.ToLowerInvariant();
            devices = devices.Where(d => d.Name.Contains(s)
                || (d.HostName != null && d.HostName.Contains(s))
                || (d.IpAddress != null && d.IpAddress.Contains(s))
                || (d.MacAddress != null && d.MacAddress.Contains(mac))
                || (d.UsedBy != null && d.UsedBy.Contains(s))
                || (d.Location != null && d.Location.Contains(s))
                || (d.Vendor != null && d.Vendor.Contains(s))
                || (d.Names != null && d.Names.Contains(s)));
        }

        var rows = await (from d in devices
                          join c in db.Companies on d.CompanyId equals c.Id
                          orderby c.Name, d.Name, d.Id
                          select new { Device = d, CompanyName = c.Name })
            .Take(Limit)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new DeviceListItem(
            r.Device.Id, r.Device.CompanyId, r.CompanyName, r.Device.Name, DeviceDisplayName.For(r.Device), r.Device.Kind,
            r.Device.HostName, r.Device.IpAddress, r.Device.MacAddress, r.Device.RandomMac, r.Device.Vendor, r.Device.OsHint,
            r.Device.UsedBy, r.Device.Location, r.Device.LastSeen, r.Device.Discovered)).ToList();
    }
}

public sealed record DeviceDetail(
    Device Device,
    string CompanyName,
    string? SiteName,
    string DisplayName,
    IReadOnlyList<DeviceAddress> Addresses,
    IReadOnlyList<DeviceObservation> Observations,
    int AlertCount);

/// <summary>One device with its IP history (newest first) and the latest observations.</summary>
public sealed class GetDeviceHandler(AppDbContext db)
{
    public const int ObservationLimit = 50;

    public async Task<DeviceDetail?> HandleAsync(int id, CancellationToken cancellationToken)
    {
        var device = await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (device is null)
        {
            return null;
        }

        var company = await db.Companies.AsNoTracking().Where(c => c.Id == device.CompanyId).Select(c => c.Name).SingleAsync(cancellationToken);
        var site = device.SiteId is { } siteId
            ? await db.Sites.AsNoTracking().Where(s => s.Id == siteId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        // Sorted here: SQLite cannot order by DateTimeOffset.
        var addresses = (await db.DeviceAddresses.AsNoTracking().Where(a => a.DeviceId == id).ToListAsync(cancellationToken))
            .OrderByDescending(a => a.FirstSeen).ToList();
        var observations = await db.DeviceObservations.AsNoTracking().Where(o => o.DeviceId == id)
            .OrderByDescending(o => o.Id).Take(ObservationLimit).ToListAsync(cancellationToken);
        var alerts = await db.SecurityAlerts.AsNoTracking().CountAsync(a => a.DeviceId == id, cancellationToken);
        return new DeviceDetail(device, company, site, DeviceDisplayName.For(device), addresses, observations, alerts);
    }
}
