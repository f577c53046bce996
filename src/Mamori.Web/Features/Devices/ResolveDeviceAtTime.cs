using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Devices;

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
        var candidates = await db.Set<DeviceAddress>()
            .Where(a => a.CompanyId == companyId && a.IpAddress == ip && a.FirstSeen <= at)
            .Select(a => new { a.DeviceId, a.FirstSeen, a.LastSeen })
            .ToListAsync(cancellationToken);

        // Latest period that began before the time; it must not have ended (plus grace) before it.
        var best = candidates
            .OrderByDescending(a => a.FirstSeen)
            .FirstOrDefault();
        return best is not null && best.LastSeen + Grace >= at ? best.DeviceId : null;
    }
}
