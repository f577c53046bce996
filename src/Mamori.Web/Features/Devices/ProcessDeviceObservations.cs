using System.Net;
using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Devices;

/// <summary>What one run of the processor did.</summary>
public sealed record ProcessObservationsResult(int Processed, int Failed, int DevicesCreated);

/// <summary>
/// Folds waiting <see cref="DeviceObservation"/>s into the inventory (R-5.5), oldest sighting first:
/// finds the device (by MAC; by host name when no MAC was seen, e.g. routed traffic; else by who had
/// the IP then), or creates it; extends or opens its <see cref="DeviceAddress"/> period and closes
/// another device's period when a DHCP lease moved the IP; keeps names, maker, OS and software hints
/// and first/last seen. Each observation is marked processed, so running it twice changes nothing.
/// A bad observation is marked with an error code and never stops the others.
/// Runs as the system tenant (the worker sets it; tests use a system context).
/// </summary>
public sealed partial class ProcessDeviceObservationsHandler(AppDbContext db, OuiRegistry oui, TimeProvider time, ILogger<ProcessDeviceObservationsHandler> logger)
{
    public async Task<ProcessObservationsResult> HandleAsync(int batchSize, CancellationToken cancellationToken)
    {
        var batch = await db.DeviceObservations
            .Where(o => o.ProcessedAt == null)
            .OrderBy(o => o.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return new ProcessObservationsResult(0, 0, 0);
        }

        // One transaction per batch: new devices are saved on the way (their ids are needed), and a
        // failure rolls the whole batch back before it is tried again one observation at a time.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                var result = await FoldAsync(batch, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
            {
                LogBatchFailed(batch.Count, ex.GetType().Name);
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        return await FoldOneByOneAsync(batch.Select(o => o.Id).ToList(), cancellationToken);
    }

    private async Task<ProcessObservationsResult> FoldOneByOneAsync(List<long> ids, CancellationToken cancellationToken)
    {
        int processed = 0, failed = 0, created = 0;
        foreach (var id in ids)
        {
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                try
                {
                    var observation = await db.DeviceObservations.SingleAsync(o => o.Id == id, cancellationToken);
                    var result = await FoldAsync([observation], cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    processed += result.Processed;
                    failed += result.Failed;
                    created += result.DevicesCreated;
                    continue;
                }
                catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                }
            }

            LogObservationFailed(id, "Store");
            var now = time.GetUtcNow();
            await db.DeviceObservations.Where(o => o.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ProcessedAt, now).SetProperty(o => o.Error, "Store"), cancellationToken);
            failed++;
        }

        return new ProcessObservationsResult(processed, failed, created);
    }

    private async Task<ProcessObservationsResult> FoldAsync(List<DeviceObservation> batch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var state = new BatchState();
        int processed = 0, failed = 0;
        foreach (var observation in batch.OrderBy(o => o.FirstSeen).ThenBy(o => o.Id))
        {
            observation.ProcessedAt = now;
            // PostgreSQL stores instants in UTC only; keep every copy in UTC.
            observation.FirstSeen = observation.FirstSeen.ToUniversalTime();
            observation.LastSeen = observation.LastSeen.ToUniversalTime();
            var error = Validate(observation);
            if (error is not null)
            {
                observation.Error = error;
                LogObservationFailed(observation.Id, error);
                failed++;
                continue;
            }

            var device = await FindOrCreateDeviceAsync(observation, state, cancellationToken);
            UpdateDevice(device, observation);
            await RecordAddressAsync(device, observation, state, cancellationToken);
            observation.Error = null;
            observation.DeviceId = device.Id;
            processed++;
        }

        return new ProcessObservationsResult(processed, failed, state.Created);
    }

    private static string? Validate(DeviceObservation o)
    {
        if (!IPAddress.TryParse(o.IpAddress, out _))
        {
            return "InvalidIp";
        }

        if (o.MacAddress is not null && MacAddress.Normalize(o.MacAddress) is null)
        {
            return "InvalidMac";
        }

        return o.LastSeen < o.FirstSeen ? "InvalidTime" : null;
    }

    private async Task<List<Device>> DevicesOfAsync(int companyId, BatchState state, CancellationToken cancellationToken)
    {
        if (!state.Devices.TryGetValue(companyId, out var devices))
        {
            devices = await db.Devices.Where(d => d.CompanyId == companyId).ToListAsync(cancellationToken);
            state.Devices[companyId] = devices;
        }

        return devices;
    }

    private async Task<List<DeviceAddress>> AddressesOfAsync(int companyId, string ip, BatchState state, CancellationToken cancellationToken)
    {
        if (!state.Addresses.TryGetValue((companyId, ip), out var addresses))
        {
            addresses = await db.DeviceAddresses.Where(a => a.CompanyId == companyId && a.IpAddress == ip).ToListAsync(cancellationToken);
            state.Addresses[(companyId, ip)] = addresses;
        }

        return addresses;
    }

    private async Task<Device> FindOrCreateDeviceAsync(DeviceObservation o, BatchState state, CancellationToken cancellationToken)
    {
        var devices = await DevicesOfAsync(o.CompanyId, state, cancellationToken);
        var mac = MacAddress.Normalize(o.MacAddress);
        var host = Clean(o.HostName);
        Device? device = null;
        if (mac is not null)
        {
            device = devices.FirstOrDefault(d => d.MacAddress == mac)
                // A device first seen routed (no MAC) under the same host name is this one.
                ?? devices.FirstOrDefault(d => d.MacAddress is null && host is not null && string.Equals(d.HostName, host, StringComparison.OrdinalIgnoreCase));
        }
        else if (host is not null)
        {
            device = devices.FirstOrDefault(d => string.Equals(d.HostName, host, StringComparison.OrdinalIgnoreCase));
        }
        else
        {
            // Only an IP: whoever had it then.
            var addresses = await AddressesOfAsync(o.CompanyId, o.IpAddress, state, cancellationToken);
            var id = ResolveDeviceAtTime.Pick(addresses.Select(a => new AddressPeriod(a.DeviceId, a.FirstSeen, a.LastSeen)), o.FirstSeen);
            device = id is null ? null : devices.FirstOrDefault(d => d.Id == id);
        }

        if (device is not null)
        {
            device.MacAddress ??= mac;
            return device;
        }

        var randomMac = mac is not null && MacAddress.IsLocallyAdministered(mac);
        var vendor = oui.Lookup(mac);
        device = new Device
        {
            OperatorId = o.OperatorId,
            CompanyId = o.CompanyId,
            SiteId = o.SiteId,
            Name = AutomaticName(host, SplitNames(o.Names).FirstOrDefault(), vendor, mac, randomMac, o.IpAddress),
            Kind = DeviceKind.Other,
            MacAddress = mac,
            Vendor = vendor,
            RandomMac = randomMac,
            Discovered = true,
            FirstSeen = o.FirstSeen,
            LastSeen = o.LastSeen,
        };
        db.Devices.Add(device);
        await db.SaveChangesAsync(cancellationToken);
        devices.Add(device);
        state.Created++;
        return device;
    }

    private static string AutomaticName(string? host, string? otherName, string? vendor, string? mac, bool randomMac, string ip)
    {
        if ((host ?? otherName) is { } name)
        {
            return Truncate(name, DeviceLimits.Name);
        }

        if (mac is not null)
        {
            var tail = mac[9..];
            return randomMac ? $"ランダムMAC {tail}" : Truncate($"{vendor ?? "?"} {tail}", DeviceLimits.Name);
        }

        return ip;
    }

    private void UpdateDevice(Device device, DeviceObservation o)
    {
        var latest = device.LastSeen is null || o.LastSeen >= device.LastSeen;
        device.FirstSeen = device.FirstSeen is { } first && first <= o.FirstSeen ? first : o.FirstSeen;
        device.LastSeen = device.LastSeen is { } last && last >= o.LastSeen ? last : o.LastSeen;
        device.SiteId ??= o.SiteId;
        var host = Clean(o.HostName);
        if (latest)
        {
            device.IpAddress = o.IpAddress;
            if (host is not null)
            {
                device.HostName = Truncate(host, DeviceLimits.HostName);
            }
        }
        else
        {
            device.HostName ??= host is null ? null : Truncate(host, DeviceLimits.HostName);
        }

        device.Names = Union(device.Names, SplitNames(o.Names));
        if (device.MacAddress is { } mac)
        {
            device.RandomMac = MacAddress.IsLocallyAdministered(mac);
            device.Vendor ??= oui.Lookup(mac);
        }

        var dhcp = DeviceHints.FromVendorClass(o.VendorClass);
        var agent = DeviceHints.FromUserAgent(o.UserAgent);
        foreach (var os in new[] { agent.Os, dhcp.Os })
        {
            // Keep the more precise hint: "Android 13" over "Android".
            if (os is not null && (device.OsHint is null || !device.OsHint.StartsWith(os, StringComparison.Ordinal)))
            {
                device.OsHint = Truncate(os, DeviceLimits.OsHint);
            }
        }

        device.SoftwareHints = Union(device.SoftwareHints, new[] { dhcp.Software, agent.Software }.OfType<string>());

        if (device.Kind == DeviceKind.Other)
        {
            var kind = dhcp.Kind ?? agent.Kind ?? DeviceHints.FromNames(SplitNames(device.Names).Append(device.HostName ?? "")) ?? DeviceHints.FromVendor(device.Vendor);
            if (kind is { } guessed)
            {
                device.Kind = guessed;
            }
        }
    }

    private async Task RecordAddressAsync(Device device, DeviceObservation o, BatchState state, CancellationToken cancellationToken)
    {
        var addresses = await AddressesOfAsync(o.CompanyId, o.IpAddress, state, cancellationToken);
        bool IsOf(DeviceAddress a) => a.DeviceId == device.Id;

        // The device's latest period on this IP, if no other device held the IP since it ended.
        var own = addresses.Where(IsOf).OrderByDescending(a => a.FirstSeen).FirstOrDefault();
        if (own is not null
            && own.FirstSeen <= o.LastSeen
            && own.LastSeen + ResolveDeviceAtTime.Grace >= o.FirstSeen
            && !addresses.Any(a => !IsOf(a) && a.FirstSeen > own.FirstSeen && a.FirstSeen <= o.FirstSeen))
        {
            if (o.FirstSeen < own.FirstSeen)
            {
                own.FirstSeen = o.FirstSeen;
            }

            if (o.LastSeen > own.LastSeen)
            {
                own.LastSeen = o.LastSeen;
            }
        }
        else
        {
            var row = new DeviceAddress
            {
                OperatorId = o.OperatorId,
                CompanyId = o.CompanyId,
                DeviceId = device.Id,
                IpAddress = o.IpAddress,
                FirstSeen = o.FirstSeen,
                LastSeen = o.LastSeen,
            };
            db.DeviceAddresses.Add(row);
            addresses.Add(row);
        }

        // The lease moved: another device's period that still ran at this time ends now.
        foreach (var other in addresses.Where(a => !IsOf(a) && a.FirstSeen < o.FirstSeen && a.LastSeen > o.FirstSeen))
        {
            other.LastSeen = o.FirstSeen;
        }

        foreach (var previous in state.Devices[o.CompanyId].Where(d => d != device && d.IpAddress == o.IpAddress && (d.LastSeen ?? DateTimeOffset.MinValue) <= o.LastSeen))
        {
            previous.IpAddress = null;
        }
    }

    private static string[] SplitNames(string? names) =>
        string.IsNullOrWhiteSpace(names) ? [] : names.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Union(string? existing, IEnumerable<string> more)
    {
        var all = SplitNames(existing).ToList();
        foreach (var item in more.Select(m => m.Trim()).Where(m => m.Length > 0))
        {
            if (!all.Contains(item, StringComparer.OrdinalIgnoreCase))
            {
                all.Add(item);
            }
        }

        // Keep the newest names when the column is full.
        var joined = string.Join('|', all);
        while (joined.Length > DeviceLimits.Hints && all.Count > 1)
        {
            all.RemoveAt(0);
            joined = string.Join('|', all);
        }

        return joined.Length == 0 ? null : Truncate(joined, DeviceLimits.Hints);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device observation {ObservationId} not used: {Error}")]
    private partial void LogObservationFailed(long observationId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} device observations could not be stored ({Exception}); retrying one by one")]
    private partial void LogBatchFailed(int count, string exception);

    private sealed class BatchState
    {
        public Dictionary<int, List<Device>> Devices { get; } = [];

        public Dictionary<(int CompanyId, string Ip), List<DeviceAddress>> Addresses { get; } = [];

        public int Created { get; set; }
    }
}
