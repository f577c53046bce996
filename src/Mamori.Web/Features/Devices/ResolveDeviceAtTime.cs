using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Devices;

/// <summary>A device as a notice names it.</summary>
public sealed record ResolvedDevice(int Id, string DisplayName, DeviceKind Kind);

/// <summary>
/// Which of a company's devices had <c>ip</c> at time <c>at</c> (R-5.5): the address period that
/// contains the time, else the latest period that started before it (a lease outlives the last packet
/// seen), within <see cref="Grace"/>.
/// </summary>
public static class ResolveDeviceAtTime
{
    /// <summary>How long after its last sighting an address is still taken as the device's.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromHours(24);

    public static async Task<int?> HandleAsync(AppDbContext db, int companyId, string ip, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The time is compared here, not in SQL: SQLite stores DateTimeOffset as text, and EF cannot
        // translate comparisons of it there. One address has few periods.
        var periods = await db.Set<DeviceAddress>()
            .Where(a => a.CompanyId == companyId && a.IpAddress == ip)
            .Select(a => new AddressPeriod(a.DeviceId, a.FirstSeen, a.LastSeen))
            .ToListAsync(cancellationToken);
        return Pick(periods, at);
    }

    /// <summary>Like <see cref="HandleAsync"/>, with the name a notice shows (<see cref="DeviceDisplayName"/>).</summary>
    public static async Task<ResolvedDevice?> DescribeAsync(AppDbContext db, int companyId, string ip, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await HandleAsync(db, companyId, ip, at, cancellationToken) is not { } id)
        {
            return null;
        }

        var device = await db.Devices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return device is null ? null : new ResolvedDevice(device.Id, DeviceDisplayName.For(device), device.Kind);
    }

    /// <summary>The rule itself, over periods already loaded (the processor uses it on its cache).</summary>
    public static int? Pick(IEnumerable<AddressPeriod> periods, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(periods);
        AddressPeriod? best = null;
        foreach (var p in periods)
        {
            if (p.FirstSeen <= at && (best is null || p.FirstSeen > best.FirstSeen))
            {
                best = p;
            }
        }

        return best is not null && best.LastSeen + Grace >= at ? best.DeviceId : null;
    }
}

public sealed record AddressPeriod(int DeviceId, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
