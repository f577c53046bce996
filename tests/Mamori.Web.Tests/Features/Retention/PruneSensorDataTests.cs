using Mamori.Web.Data;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Retention;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Tests.Features.Retention;

public sealed class PruneSensorDataTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public Task Handle_RowsPastEachLimit_DeletedInChunks_YoungAndUnprocessedKept_Sqlite() => PruneAsync(DatabaseProvider.Sqlite);

    [PostgresFact]
    public Task Handle_RowsPastEachLimit_DeletedInChunks_YoungAndUnprocessedKept_Postgres() => PruneAsync(DatabaseProvider.Postgres);

    [Fact]
    public async Task Handle_NothingPastTheLimits_DeletesNothing()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        var sensor = await ClearAsync(seeded);
        await using (var db = seeded.Database.CreateSystemContext())
        {
            db.Set<SensorHeartbeat>().Add(Heartbeat(sensor, s_now.AddDays(-29)));
            db.Set<SensorFlowSummary>().Add(Flow(sensor, s_now.AddDays(-179)));
            await db.SaveChangesAsync();
        }

        await using (var db = seeded.Database.CreateSystemContext())
        {
            var counts = await Handler(db).HandleAsync(s_now, CancellationToken.None);
            Assert.Equal(0, counts.Total);
        }

        await using var check = seeded.Database.CreateSystemContext();
        Assert.Equal(1, await check.Set<SensorHeartbeat>().CountAsync());
        Assert.Equal(1, await check.Set<SensorFlowSummary>().CountAsync());
    }

    /// <summary>
    /// Per table: rows an hour past the limit go, rows an hour inside it stay; more old rows than one
    /// chunk (chunks of 3 here); a summary that arrived late (higher id, old last-seen) still goes;
    /// device observations go only when processed, and not before the limit has passed since processing.
    /// </summary>
    private static async Task PruneAsync(DatabaseProvider provider)
    {
        await using var seeded = await SeededDatabase.CreateAsync(provider);
        var sensor = await ClearAsync(seeded);
        var hour = TimeSpan.FromHours(1);
        await using (var db = seeded.Database.CreateSystemContext())
        {
            // Oldest first, as they would arrive: ids grow with time.
            db.Set<SensorHeartbeat>().AddRange(Enumerable.Range(0, 250).Select(i => Heartbeat(sensor, s_now.AddDays(-40).AddMinutes(i))));
            db.Set<SensorHeartbeat>().Add(Heartbeat(sensor, s_now.AddDays(-30) - hour));
            db.Set<SensorHeartbeat>().AddRange(Enumerable.Range(0, 120).Select(i => Heartbeat(sensor, s_now.AddDays(-30) + hour + TimeSpan.FromMinutes(i))));

            db.Set<SensorBatchRecord>().AddRange(Enumerable.Range(0, 3).Select(i => Batch(sensor, s_now.AddDays(-61).AddHours(i))));
            db.Set<SensorBatchRecord>().AddRange(Enumerable.Range(0, 2).Select(i => Batch(sensor, s_now.AddDays(-60) + hour + TimeSpan.FromHours(i))));

            db.Set<SensorNameSummary>().AddRange(Enumerable.Range(0, 5).Select(i => Name(sensor, s_now.AddDays(-200).AddHours(i))));
            db.Set<SensorNameSummary>().Add(Name(sensor, s_now.AddDays(-180) + hour));
            await db.SaveChangesAsync();
            db.Set<SensorNameSummary>().Add(Name(sensor, s_now.AddDays(-181))); // late arrival
            db.Set<SensorNameSummary>().AddRange(Enumerable.Range(0, 3).Select(i => Name(sensor, s_now.AddDays(-10).AddHours(i))));

            db.Set<SensorFlowSummary>().AddRange(Enumerable.Range(0, 4).Select(i => Flow(sensor, s_now.AddDays(-181).AddHours(i))));
            db.Set<SensorFlowSummary>().Add(Flow(sensor, s_now.AddDays(-180) + hour));

            db.DeviceObservations.Add(Observation(sensor, s_now.AddDays(-100), s_now.AddDays(-100).AddSeconds(15)));
            db.DeviceObservations.Add(Observation(sensor, s_now.AddDays(-95), processedAt: null));
            db.DeviceObservations.Add(Observation(sensor, s_now.AddDays(-94), processedAt: s_now.AddDays(-10))); // processed late
            db.DeviceObservations.Add(Observation(sensor, s_now.AddDays(-90) - hour, s_now.AddDays(-90) - hour + TimeSpan.FromSeconds(15)));
            db.DeviceObservations.Add(Observation(sensor, s_now.AddDays(-90) + hour, s_now.AddDays(-90) + hour + TimeSpan.FromSeconds(15)));
            db.DeviceObservations.Add(Observation(sensor, s_now.AddDays(-1), processedAt: null));
            await db.SaveChangesAsync();
        }

        await using (var db = seeded.Database.CreateSystemContext())
        {
            var counts = await Handler(db, chunkSize: 3).HandleAsync(s_now, CancellationToken.None);
            Assert.Equal(new PrunedCounts(251, 3, 6, 4, 2), counts);
            Assert.Equal(266, counts.Total);
        }

        await using (var check = seeded.Database.CreateSystemContext())
        {
            var heartbeats = await check.Set<SensorHeartbeat>().Select(h => h.ReceivedAt).ToListAsync();
            Assert.Equal(120, heartbeats.Count);
            Assert.All(heartbeats, t => Assert.True(t > s_now.AddDays(-30)));
            var batches = await check.Set<SensorBatchRecord>().Select(b => b.StoredAt).ToListAsync();
            Assert.Equal(2, batches.Count);
            Assert.All(batches, t => Assert.True(t > s_now.AddDays(-60)));
            var names = await check.Set<SensorNameSummary>().Select(n => n.LastSeen).ToListAsync();
            Assert.Equal(4, names.Count);
            Assert.All(names, t => Assert.True(t > s_now.AddDays(-180)));
            var flow = Assert.Single(await check.Set<SensorFlowSummary>().ToListAsync());
            Assert.Equal(s_now.AddDays(-180) + hour, flow.LastSeen);
            var observations = (await check.DeviceObservations.ToListAsync()).OrderBy(o => o.ReceivedAt).ToList();
            Assert.Equal(4, observations.Count);
            Assert.Null(observations[0].ProcessedAt); // 95 days old, never processed: kept
            Assert.Equal(s_now.AddDays(-95), observations[0].ReceivedAt);
            Assert.Equal(s_now.AddDays(-10), observations[1].ProcessedAt); // received 94 days ago, processed 10 days ago: kept
            Assert.Equal(s_now.AddDays(-90) + hour, observations[2].ReceivedAt);
            Assert.Null(observations[3].ProcessedAt);
        }

        // A second round finds nothing more.
        await using (var db = seeded.Database.CreateSystemContext())
        {
            Assert.Equal(0, (await Handler(db, chunkSize: 3).HandleAsync(s_now, CancellationToken.None)).Total);
        }
    }

    internal static PruneSensorDataHandler Handler(AppDbContext db, int chunkSize = 5_000) =>
        new(db, Options.Create(new RetentionOptions { ChunkSize = chunkSize }));

    /// <summary>Empties the five tables (the demo seeds some) and returns a demo sensor to hang rows on.</summary>
    internal static async Task<NetworkSensor> ClearAsync(SeededDatabase seeded)
    {
        await using var db = seeded.Database.CreateSystemContext();
        await db.Set<SensorHeartbeat>().ExecuteDeleteAsync();
        await db.Set<SensorBatchRecord>().ExecuteDeleteAsync();
        await db.Set<SensorNameSummary>().ExecuteDeleteAsync();
        await db.Set<SensorFlowSummary>().ExecuteDeleteAsync();
        await db.DeviceObservations.ExecuteDeleteAsync();
        return await db.Sensors.AsNoTracking().OrderBy(s => s.Id).FirstAsync();
    }

    internal static SensorHeartbeat Heartbeat(NetworkSensor sensor, DateTimeOffset at) => new()
    {
        OperatorId = sensor.OperatorId,
        CompanyId = sensor.CompanyId,
        SensorId = sensor.Id,
        ReceivedAt = at,
        Sequence = 1,
        AgentVersion = "1.0.0",
    };

    private static SensorBatchRecord Batch(NetworkSensor sensor, DateTimeOffset storedAt) => new()
    {
        OperatorId = sensor.OperatorId,
        CompanyId = sensor.CompanyId,
        SensorId = sensor.Id,
        BatchId = Guid.NewGuid(),
        Sequence = 1,
        CreatedAt = storedAt.AddMinutes(-1),
        StoredAt = storedAt,
        ItemCount = 3,
    };

    private static SensorNameSummary Name(NetworkSensor sensor, DateTimeOffset lastSeen) => new()
    {
        OperatorId = sensor.OperatorId,
        CompanyId = sensor.CompanyId,
        SensorId = sensor.Id,
        Kind = "dns",
        Name = "example.jp",
        ClientIp = "192.168.9.11",
        FirstSeen = lastSeen.AddMinutes(-5),
        LastSeen = lastSeen,
        Count = 2,
    };

    private static SensorFlowSummary Flow(NetworkSensor sensor, DateTimeOffset lastSeen) => new()
    {
        OperatorId = sensor.OperatorId,
        CompanyId = sensor.CompanyId,
        SensorId = sensor.Id,
        ClientIp = "192.168.9.11",
        ServerIp = "203.0.113.5",
        ServerPort = 443,
        Protocol = "tcp",
        FirstSeen = lastSeen.AddMinutes(-5),
        LastSeen = lastSeen,
        Flows = 1,
        Bytes = 1200,
    };

    private static DeviceObservation Observation(NetworkSensor sensor, DateTimeOffset receivedAt, DateTimeOffset? processedAt) => new()
    {
        OperatorId = sensor.OperatorId,
        CompanyId = sensor.CompanyId,
        SiteId = sensor.SiteId,
        SensorId = sensor.Id,
        MacAddress = "00:1b:21:00:10:01",
        IpAddress = "192.168.9.11",
        Source = "dhcp",
        FirstSeen = receivedAt.AddMinutes(-10),
        LastSeen = receivedAt.AddMinutes(-1),
        ReceivedAt = receivedAt,
        ProcessedAt = processedAt,
    };
}
