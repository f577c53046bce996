using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Devices;

/// <summary>Two or more rows that are one device (e.g. seen routed by name, then locally by MAC): keep <see cref="KeepId"/>.</summary>
public sealed record MergeDevicesRequest(int KeepId, IReadOnlyList<int> DeviceIds);

/// <summary>
/// Merges duplicate devices of one company into one: the kept row takes what it lacks from the
/// others (company-written columns first from the kept row), their address history, observations,
/// alerts, incidents and inquiries point to it, and the others are deleted. All in one transaction.
/// </summary>
public sealed class MergeDevicesHandler(AppDbContext db)
{
    public async Task<DeviceCommandResult> HandleAsync(MergeDevicesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.DeviceIds.Append(request.KeepId).Distinct().ToList();
        if (ids.Count < 2)
        {
            return DeviceCommandResult.Fail(new DeviceError("Merge.ChooseTwo"));
        }

        var devices = await db.Devices.Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken);
        if (devices.Count != ids.Count)
        {
            return DeviceCommandResult.Fail(new DeviceError("Device.NotFound"));
        }

        if (devices.Select(d => d.CompanyId).Distinct().Count() != 1)
        {
            return DeviceCommandResult.Fail(new DeviceError("Merge.OneCompany"));
        }

        var keep = devices.Single(d => d.Id == request.KeepId);
        var others = devices.Where(d => d.Id != keep.Id).OrderByDescending(d => d.LastSeen ?? DateTimeOffset.MinValue).ToList();
        var otherIds = others.Select(d => d.Id).ToList();
        foreach (var other in others)
        {
            Absorb(keep, other);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DeviceAddresses.Where(a => otherIds.Contains(a.DeviceId)).ExecuteUpdateAsync(s => s.SetProperty(a => a.DeviceId, keep.Id), cancellationToken);
        await db.DeviceObservations.Where(o => o.DeviceId != null && otherIds.Contains(o.DeviceId.Value)).ExecuteUpdateAsync(s => s.SetProperty(o => o.DeviceId, keep.Id), cancellationToken);
        await db.SecurityAlerts.Where(a => a.DeviceId != null && otherIds.Contains(a.DeviceId.Value)).ExecuteUpdateAsync(s => s.SetProperty(a => a.DeviceId, keep.Id), cancellationToken);
        await db.Incidents.Where(i => i.DeviceId != null && otherIds.Contains(i.DeviceId.Value)).ExecuteUpdateAsync(s => s.SetProperty(i => i.DeviceId, keep.Id), cancellationToken);
        await db.Inquiries.Where(i => i.DeviceId != null && otherIds.Contains(i.DeviceId.Value)).ExecuteUpdateAsync(s => s.SetProperty(i => i.DeviceId, keep.Id), cancellationToken);
        db.Devices.RemoveRange(others);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DeviceCommandResult.Ok(keep.Id, others.Count);
    }

    private static void Absorb(Device keep, Device other)
    {
        keep.SiteId ??= other.SiteId;
        keep.UsedBy ??= other.UsedBy;
        keep.Location ??= other.Location;
        keep.Purpose ??= other.Purpose;
        if (other.Notes is not null && keep.Notes?.Contains(other.Notes, StringComparison.Ordinal) != true)
        {
            var notes = keep.Notes is null ? other.Notes : keep.Notes + "\n" + other.Notes;
            keep.Notes = notes.Length <= DeviceLimits.Notes ? notes : notes[..DeviceLimits.Notes];
        }

        if (keep.Kind == DeviceKind.Other)
        {
            keep.Kind = other.Kind;
        }

        keep.MacAddress ??= other.MacAddress;
        keep.Vendor ??= other.Vendor;
        keep.RandomMac = keep.MacAddress is not null && MacAddress.IsLocallyAdministered(keep.MacAddress);
        keep.OsHint ??= other.OsHint;
        keep.HostName ??= other.HostName;
        keep.Names = JoinUnique(keep.Names, other.Names);
        keep.SoftwareHints = JoinUnique(keep.SoftwareHints, other.SoftwareHints);
        if (other.LastSeen is { } last && (keep.LastSeen is null || last > keep.LastSeen))
        {
            keep.LastSeen = last;
            keep.IpAddress = other.IpAddress ?? keep.IpAddress;
        }

        if (other.FirstSeen is { } first && (keep.FirstSeen is null || first < keep.FirstSeen))
        {
            keep.FirstSeen = first;
        }

        keep.IpAddress ??= other.IpAddress;
        keep.Discovered &= other.Discovered;
    }

    private static string? JoinUnique(string? a, string? b)
    {
        var all = (a ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Concat((b ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var joined = string.Join('|', all);
        return joined.Length == 0 ? null : joined.Length <= DeviceLimits.Hints ? joined : joined[..DeviceLimits.Hints];
    }
}
