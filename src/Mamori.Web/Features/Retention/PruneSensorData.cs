using Mamori.Web.Data;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Sensors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Retention;

/// <summary>Rows deleted by one retention round, per table.</summary>
public sealed record PrunedCounts(int Heartbeats, int BatchRecords, int NameSummaries, int FlowSummaries, int DeviceObservations)
{
    public int Total => Heartbeats + BatchRecords + NameSummaries + FlowSummaries + DeviceObservations;
}

/// <summary>
/// Deletes what sensors shipped once it is older than its limit in <see cref="RetentionOptions"/>:
/// heartbeats and batch records by the time the server stored them, name and flow summaries by
/// their last-seen time, device observations by the time they were received and processed, and only
/// those the inventory has processed (an unprocessed one is kept whatever its age). Runs as the system tenant
/// (the worker sets it; tests use a system context).
/// </summary>
/// <remarks>
/// Each table is walked by primary key, oldest first, <see cref="RetentionOptions.ChunkSize"/> rows
/// at a time; the expired ids of a chunk go in one DELETE. The walk stops at the first chunk with no
/// row past the limit: ids grow with arrival, so the rest is young. A row that arrived late (a
/// sensor's spool shipped after an outage) is taken when its neighbours expire. The times are
/// compared here, not in SQL: SQLite cannot compare DateTimeOffset columns, and walking the key
/// needs no index on the time columns.
/// </remarks>
public sealed class PruneSensorDataHandler(AppDbContext db, IOptions<RetentionOptions> options)
{
    /// <summary>A row's key, the time its age is measured from, and when it may go (null: not yet).</summary>
    private readonly record struct Candidate(long Id, DateTimeOffset At, DateTimeOffset? DoneAt);

    public async Task<PrunedCounts> HandleAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var size = o.ChunkSize;

        var heartbeats = await PruneAsync(
            after => db.Set<SensorHeartbeat>().AsNoTracking().Where(h => h.Id > after).OrderBy(h => h.Id).Take(size)
                .Select(h => new Candidate(h.Id, h.ReceivedAt, h.ReceivedAt)).ToListAsync(cancellationToken),
            ids => db.Set<SensorHeartbeat>().Where(h => ids.Contains(h.Id)).ExecuteDeleteAsync(cancellationToken),
            now.AddDays(-o.HeartbeatDays), size);

        var batches = await PruneAsync(
            after => db.Set<SensorBatchRecord>().AsNoTracking().Where(b => b.Id > after).OrderBy(b => b.Id).Take(size)
                .Select(b => new Candidate(b.Id, b.StoredAt, b.StoredAt)).ToListAsync(cancellationToken),
            ids => db.Set<SensorBatchRecord>().Where(b => ids.Contains(b.Id)).ExecuteDeleteAsync(cancellationToken),
            now.AddDays(-o.BatchRecordDays), size);

        var names = await PruneAsync(
            after => db.Set<SensorNameSummary>().AsNoTracking().Where(n => n.Id > after).OrderBy(n => n.Id).Take(size)
                .Select(n => new Candidate(n.Id, n.LastSeen, n.LastSeen)).ToListAsync(cancellationToken),
            ids => db.Set<SensorNameSummary>().Where(n => ids.Contains(n.Id)).ExecuteDeleteAsync(cancellationToken),
            now.AddDays(-o.SummaryDays), size);

        var flows = await PruneAsync(
            after => db.Set<SensorFlowSummary>().AsNoTracking().Where(f => f.Id > after).OrderBy(f => f.Id).Take(size)
                .Select(f => new Candidate(f.Id, f.LastSeen, f.LastSeen)).ToListAsync(cancellationToken),
            ids => db.Set<SensorFlowSummary>().Where(f => ids.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken),
            now.AddDays(-o.SummaryDays), size);

        // The inventory keeps what an observation taught it (Device, DeviceAddress periods); the
        // processed row itself only feeds the device page's "latest sightings" list. It goes when
        // both received and processed before the limit, so a backlog processed late stays a while.
        var observations = await PruneAsync(
            after => db.DeviceObservations.AsNoTracking().Where(d => d.Id > after).OrderBy(d => d.Id).Take(size)
                .Select(d => new Candidate(d.Id, d.ReceivedAt, d.ProcessedAt)).ToListAsync(cancellationToken),
            ids => db.DeviceObservations.Where(d => ids.Contains(d.Id) && d.ProcessedAt != null).ExecuteDeleteAsync(cancellationToken),
            now.AddDays(-o.ObservationDays), size);

        return new PrunedCounts(heartbeats, batches, names, flows, observations);
    }

    private static async Task<int> PruneAsync(
        Func<long, Task<List<Candidate>>> readAfter, Func<List<long>, Task<int>> delete, DateTimeOffset cutoff, int chunkSize)
    {
        var deleted = 0;
        var after = long.MinValue;
        while (true)
        {
            var chunk = await readAfter(after);
            if (chunk.Count == 0)
            {
                return deleted;
            }

            var expired = chunk.Where(c => c.At < cutoff).ToList();
            var ids = expired.Where(c => c.DoneAt < cutoff).Select(c => c.Id).ToList();
            if (ids.Count > 0)
            {
                deleted += await delete(ids);
            }

            if (expired.Count == 0 || chunk.Count < chunkSize)
            {
                return deleted;
            }

            after = chunk[^1].Id;
        }
    }
}
