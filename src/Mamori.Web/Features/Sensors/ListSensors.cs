using Mamori.Web.Data;
using Mamori.Web.Features.Ingest;
using Mamori.Web.Features.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Sensors;

/// <summary>How a sensor is doing, as the operator's list and the member's status page show it.</summary>
public enum SensorHealthState
{
    /// <summary>Not enrolled yet (kitting, shipped, waiting for installation).</summary>
    NotEnrolled = 1,

    /// <summary>Heard from within the silent threshold.</summary>
    Reporting = 2,

    /// <summary>Enrolled but not heard from for more than the threshold: the operator should call.</summary>
    Silent = 3,

    /// <summary>Revoked by the operator.</summary>
    Revoked = 4,
}

public sealed record SensorListItem(
    int Id,
    string CompanyName,
    string SiteName,
    SiteKind SiteKind,
    string Name,
    string SerialNumber,
    SensorStatus Status,
    SensorHealthState Health,
    DateTimeOffset? LastContactAt,
    string? AgentVersion,
    long CaptureDrops,
    int QueueDepth,
    double CpuPercent,
    long MemoryBytes);

/// <summary>
/// The sensors the user may see (the tenant filters decide: staff all of their operator's, a member its
/// own), with health and the "silent for N hours" flag of <see cref="IngestOptions.SilentAfterHours"/>.
/// </summary>
public sealed class ListSensorsHandler(AppDbContext db, TimeProvider clock, IOptions<IngestOptions> options)
{
    public int SilentAfterHours => options.Value.SilentAfterHours;

    public async Task<IReadOnlyList<SensorListItem>> HandleAsync(bool silentOnly, CancellationToken cancellationToken)
    {
        var rows = await (
            from s in db.Sensors
            join site in db.Sites on s.SiteId equals site.Id
            join company in db.Companies on s.CompanyId equals company.Id
            join c in db.Set<SensorConnection>() on s.Id equals c.SensorId into connections
            from c in connections.DefaultIfEmpty()
            select new
            {
                s.Id,
                Company = company.Name,
                Site = site.Name,
                site.Kind,
                s.Name,
                s.SerialNumber,
                s.Status,
                Enrolled = c != null,
                RevokedAt = c != null ? c.RevokedAt : null,
                LastContactAt = c != null ? c.LastContactAt : null,
                AgentVersion = c != null ? c.AgentVersion : null,
                CaptureDrops = c != null ? c.CaptureDrops : 0,
                QueueDepth = c != null ? c.QueueDepth : 0,
                CpuPercent = c != null ? c.CpuPercent : 0,
                MemoryBytes = c != null ? c.MemoryBytes : 0,
            }).ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var items = rows
            .Select(r => new SensorListItem(
                r.Id, r.Company, r.Site, r.Kind, r.Name, r.SerialNumber, r.Status,
                HealthOf(r.Enrolled, r.RevokedAt, r.LastContactAt, now),
                r.LastContactAt, r.AgentVersion, r.CaptureDrops, r.QueueDepth, r.CpuPercent, r.MemoryBytes))
            .Where(i => !silentOnly || i.Health == SensorHealthState.Silent)
            .OrderByDescending(i => i.Health == SensorHealthState.Silent)
            .ThenBy(i => i.CompanyName, StringComparer.Ordinal)
            .ThenBy(i => i.Id)
            .ToList();
        return items;
    }

    public SensorHealthState HealthOf(bool enrolled, DateTimeOffset? revokedAt, DateTimeOffset? lastContactAt, DateTimeOffset now) =>
        !enrolled ? SensorHealthState.NotEnrolled
        : revokedAt is not null ? SensorHealthState.Revoked
        : lastContactAt is null || now - lastContactAt.Value > TimeSpan.FromHours(SilentAfterHours) ? SensorHealthState.Silent
        : SensorHealthState.Reporting;
}
