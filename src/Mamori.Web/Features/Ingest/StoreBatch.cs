using Mamori.Sensor.Shipping;
using Mamori.Web.Data;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Sensors;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Mamori.Web.Features.Ingest;

/// <summary>
/// Stores one validated batch in one transaction, at most once per (sensor, batch id): alerts
/// (updated in place per company and <see cref="ShippedAlert.Id"/>), counter intervals (replaced
/// per sensor and start), device observations for the inventory, name and flow summaries for
/// retro-hunts, and the heartbeat. Both pipelines (in-process and RabbitMQ) end here.
/// </summary>
/// <remarks>
/// The caller's <see cref="AppDbContext"/> must act as the sensor's company (the tenant filters and
/// write guard then confine the batch to it). On PostgreSQL the append-only lists go in with binary
/// COPY inside the same transaction; on SQLite through EF.
/// </remarks>
public sealed class StoreBatchHandler(AppDbContext db, TimeProvider clock)
{
    /// <returns>False when this batch was already stored (nothing is written then).</returns>
    public async Task<bool> HandleAsync(SensorIdentity sensor, SensorBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(batch);
        if (await IsStoredAsync(sensor.SensorId, batch.BatchId, cancellationToken))
        {
            return false;
        }

        try
        {
            await WriteAsync(sensor, batch, cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Two deliveries of one batch raced: the loser hits the unique key and stores nothing.
            db.ChangeTracker.Clear();
            if (await IsStoredAsync(sensor.SensorId, batch.BatchId, cancellationToken))
            {
                return false;
            }

            throw;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            db.ChangeTracker.Clear();
            if (await IsStoredAsync(sensor.SensorId, batch.BatchId, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    public Task<bool> IsStoredAsync(int sensorId, Guid batchId, CancellationToken cancellationToken) =>
        db.Set<SensorBatchRecord>().AnyAsync(b => b.SensorId == sensorId && b.BatchId == batchId, cancellationToken);

    private async Task WriteAsync(SensorIdentity sensor, SensorBatch batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        db.Set<SensorBatchRecord>().Add(new SensorBatchRecord
        {
            OperatorId = sensor.OperatorId,
            CompanyId = sensor.CompanyId,
            SensorId = sensor.SensorId,
            BatchId = batch.BatchId,
            Sequence = batch.Sequence,
            CreatedAt = batch.CreatedAt.ToUniversalTime(),
            StoredAt = now,
            ItemCount = batch.ItemCount,
        });

        await AddAlertsAsync(sensor, batch.Alerts, now, cancellationToken);
        await AddCountersAsync(sensor, batch.Counters, cancellationToken);
        await AddHealthAsync(sensor, batch, now, cancellationToken);

        var bulk = db.Database.GetDbConnection() as NpgsqlConnection;
        if (bulk is null)
        {
            db.Set<DeviceObservation>().AddRange(batch.Devices.Select(d => ToObservation(sensor, d, now)));
            db.Set<SensorNameSummary>().AddRange(batch.Names.Select(n => ToName(sensor, n)));
            db.Set<SensorFlowSummary>().AddRange(batch.Flows.Select(f => ToFlow(sensor, f)));
        }

        await db.SaveChangesAsync(cancellationToken);
        if (bulk is not null)
        {
            await CopyDevicesAsync(bulk, sensor, batch.Devices, now, cancellationToken);
            await CopyNamesAsync(bulk, sensor, batch.Names, cancellationToken);
            await CopyFlowsAsync(bulk, sensor, batch.Flows, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task AddAlertsAsync(SensorIdentity sensor, IReadOnlyList<ShippedAlert> alerts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (alerts.Count == 0)
        {
            return;
        }

        // The last snapshot of a finding in the batch is the newest.
        var latest = new Dictionary<Guid, ShippedAlert>();
        foreach (var shipped in alerts)
        {
            latest[shipped.Id] = shipped;
        }

        var ids = latest.Keys.ToList();
        var existing = await db.SecurityAlerts
            .Where(a => a.CompanyId == sensor.CompanyId && ids.Contains(a.ExternalId))
            .ToDictionaryAsync(a => a.ExternalId, cancellationToken);
        foreach (var (id, shipped) in latest)
        {
            var alert = shipped.Alert;
            if (!existing.TryGetValue(id, out var row))
            {
                row = new SecurityAlert
                {
                    OperatorId = sensor.OperatorId,
                    CompanyId = sensor.CompanyId,
                    SiteId = sensor.SiteId,
                    SensorId = sensor.SensorId,
                    ExternalId = id,
                    Evidence = alert.Evidence,
                    FirstSeen = alert.FirstSeen.ToUniversalTime(),
                    ReceivedAt = now,
                    State = AlertState.New,
                };
                db.SecurityAlerts.Add(row);
            }

            row.Type = alert.Type;
            row.KillChain = alert.KillChain;
            row.Severity = alert.Severity;
            row.SrcIp = alert.Src.Ip;
            row.SrcPort = alert.Src.Port;
            row.SrcName = alert.Src.Name;
            row.DstIp = alert.Dst?.Ip;
            row.DstPort = alert.Dst?.Port;
            row.DstName = alert.Dst?.Name;
            row.Evidence = alert.Evidence;
            var first = alert.FirstSeen.ToUniversalTime();
            var last = alert.LastSeen.ToUniversalTime();
            row.FirstSeen = first < row.FirstSeen ? first : row.FirstSeen;
            row.LastSeen = last > row.LastSeen ? last : row.LastSeen;

            // Snapshots only grow; an older one arriving late must not shrink the count.
            row.Count = Math.Max(row.Count, alert.Count);
            row.UpdatedAt = now;
        }
    }

    private async Task AddCountersAsync(SensorIdentity sensor, IReadOnlyList<CounterInterval> counters, CancellationToken cancellationToken)
    {
        if (counters.Count == 0)
        {
            return;
        }

        var byStart = new Dictionary<DateTimeOffset, CounterInterval>();
        foreach (var c in counters)
        {
            byStart[c.Start.ToUniversalTime()] = c;
        }

        var starts = byStart.Keys.ToList();
        var existing = await db.SensorCounters
            .Where(c => c.SensorId == sensor.SensorId && starts.Contains(c.Start))
            .ToDictionaryAsync(c => c.Start, cancellationToken);
        foreach (var (start, c) in byStart)
        {
            if (!existing.TryGetValue(start, out var row))
            {
                row = new SensorCounterInterval { OperatorId = sensor.OperatorId, CompanyId = sensor.CompanyId, SensorId = sensor.SensorId, Start = start };
                db.SensorCounters.Add(row);
            }

            // A resent interval replaces the earlier figures instead of adding to them.
            row.End = c.End.ToUniversalTime();
            row.Packets = c.Packets;
            row.Bytes = c.Bytes;
            row.Flows = c.Flows;
            row.TrafficEvents = c.TrafficEvents;
            row.SecurityEvents = c.SecurityEvents;
            row.DevicesSeen = c.DevicesSeen;
            row.CaptureDrops = c.CaptureDrops;
        }
    }

    private async Task AddHealthAsync(SensorIdentity sensor, SensorBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var health = batch.Health;
        db.Set<SensorHeartbeat>().Add(new SensorHeartbeat
        {
            OperatorId = sensor.OperatorId,
            CompanyId = sensor.CompanyId,
            SensorId = sensor.SensorId,
            ReceivedAt = now,
            Sequence = batch.Sequence,
            CaptureDrops = health.CaptureDrops,
            QueueDepth = health.QueueDepth,
            QueueBytes = health.QueueBytes,
            CpuPercent = health.CpuPercent,
            MemoryBytes = health.MemoryBytes,
            AgentVersion = batch.AgentVersion,
        });

        var connection = await db.Set<SensorConnection>().SingleAsync(c => c.SensorId == sensor.SensorId, cancellationToken);
        connection.LastContactAt = now;

        // Batches resent out of order after an outage must not roll the health back.
        if (batch.Sequence >= connection.LastSequence)
        {
            connection.LastSequence = batch.Sequence;
            connection.AgentVersion = batch.AgentVersion;
            connection.AgentStartedAt = health.StartedAt.ToUniversalTime();
            connection.CaptureDrops = health.CaptureDrops;
            connection.QueueDepth = health.QueueDepth;
            connection.QueueBytes = health.QueueBytes;
            connection.CpuPercent = health.CpuPercent;
            connection.MemoryBytes = health.MemoryBytes;
            connection.LostItems = ValidateBatch.FormatLostItems(health.LostItems);
        }
    }

    private static DeviceObservation ToObservation(SensorIdentity sensor, DeviceSighting d, DateTimeOffset now) => new()
    {
        OperatorId = sensor.OperatorId,
        CompanyId = sensor.CompanyId,
        SiteId = sensor.SiteId,
        SensorId = sensor.SensorId,
        MacAddress = d.Mac,
        IpAddress = d.Ip,
        HostName = d.HostName,
        Names = JoinNames(d.Names),
        VendorClass = d.VendorClass,
        UserAgent = d.UserAgent,
        Source = d.Source,
        FirstSeen = d.FirstSeen.ToUniversalTime(),
        LastSeen = d.LastSeen.ToUniversalTime(),
        ReceivedAt = now,
    };

    private static SensorNameSummary ToName(SensorIdentity sensor, NameSummary n) => new()
    {
        OperatorId = sensor.OperatorId,
        CompanyId = sensor.CompanyId,
        SensorId = sensor.SensorId,
        Kind = n.Kind,
        Name = n.Name,
        ClientIp = n.ClientIp,
        FirstSeen = n.FirstSeen.ToUniversalTime(),
        LastSeen = n.LastSeen.ToUniversalTime(),
        Count = n.Count,
    };

    private static SensorFlowSummary ToFlow(SensorIdentity sensor, FlowSummary f) => new()
    {
        OperatorId = sensor.OperatorId,
        CompanyId = sensor.CompanyId,
        SensorId = sensor.SensorId,
        ClientIp = f.ClientIp,
        ServerIp = f.ServerIp,
        ServerPort = f.ServerPort,
        Protocol = f.Protocol,
        FirstSeen = f.FirstSeen.ToUniversalTime(),
        LastSeen = f.LastSeen.ToUniversalTime(),
        Flows = f.Flows,
        Bytes = f.Bytes,
    };

    private static string? JoinNames(IReadOnlyList<string>? names) => names is { Count: > 0 } ? string.Join('|', names) : null;

    private static async Task CopyDevicesAsync(NpgsqlConnection connection, SensorIdentity sensor, IReadOnlyList<DeviceSighting> devices, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (devices.Count == 0)
        {
            return;
        }

        await using var import = await connection.BeginBinaryImportAsync(
            """COPY "DeviceObservations" ("OperatorId", "CompanyId", "SiteId", "SensorId", "MacAddress", "IpAddress", "HostName", "Names", "VendorClass", "UserAgent", "Source", "FirstSeen", "LastSeen", "ReceivedAt") FROM STDIN (FORMAT BINARY)""",
            cancellationToken);
        foreach (var d in devices)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(sensor.OperatorId, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(sensor.CompanyId, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(sensor.SiteId, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(sensor.SensorId, NpgsqlDbType.Integer, cancellationToken);
            await WriteTextAsync(import, d.Mac, cancellationToken);
            await import.WriteAsync(d.Ip, NpgsqlDbType.Varchar, cancellationToken);
            await WriteTextAsync(import, d.HostName, cancellationToken);
            await WriteTextAsync(import, JoinNames(d.Names), cancellationToken);
            await WriteTextAsync(import, d.VendorClass, cancellationToken);
            await WriteTextAsync(import, d.UserAgent, cancellationToken);
            await import.WriteAsync(d.Source, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(d.FirstSeen.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(d.LastSeen.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
    }

    private static async Task CopyNamesAsync(NpgsqlConnection connection, SensorIdentity sensor, IReadOnlyList<NameSummary> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return;
        }

        await using var import = await connection.BeginBinaryImportAsync(
            """COPY "SensorNameSummaries" ("OperatorId", "CompanyId", "SensorId", "Kind", "Name", "ClientIp", "FirstSeen", "LastSeen", "Count") FROM STDIN (FORMAT BINARY)""",
            cancellationToken);
        foreach (var n in names)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(sensor.OperatorId, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(sensor.CompanyId, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(sensor.SensorId, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(n.Kind, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(n.Name, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(n.ClientIp, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(n.FirstSeen.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(n.LastSeen.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(n.Count, NpgsqlDbType.Bigint, cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
    }

    private static async Task CopyFlowsAsync(NpgsqlConnection connection, SensorIdentity sensor, IReadOnlyList<FlowSummary> flows, CancellationToken cancellationToken)
    {
        if (flows.Count == 0)
        {
            return;
        }

        await using var import = await connection.BeginBinaryImportAsync(
            """COPY "SensorFlowSummaries" ("OperatorId", "CompanyId", "SensorId", "ClientIp", "ServerIp", "ServerPort", "Protocol", "FirstSeen", "LastSeen", "Flows", "Bytes") FROM STDIN (FORMAT BINARY)""",
            cancellationToken);
        foreach (var f in flows)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(sensor.OperatorId, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(sensor.CompanyId, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(sensor.SensorId, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(f.ClientIp, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(f.ServerIp, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(f.ServerPort, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(f.Protocol, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(f.FirstSeen.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(f.LastSeen.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(f.Flows, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(f.Bytes, NpgsqlDbType.Bigint, cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter import, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await import.WriteNullAsync(cancellationToken);
        }
        else
        {
            await import.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
        }
    }
}
