using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Alerts;

/// <summary>Queue filters; null means any. The default state is New (what waits for an analyst).</summary>
public sealed record AlertQueueQuery(int? CompanyId, AlertType? Type, AlertSeverity? Severity, AlertState? State, DateOnly? From, DateOnly? To, int Page);

public sealed record AlertQueueItem(
    int Id, int CompanyId, string CompanyName, AlertType Type, AlertSeverity Severity, AlertState State, string? SrcIp, string? DstIp, string? DstName,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Count, string Evidence, int? IncidentId, int? DeviceId, string? DeviceName);

public sealed record AlertQueuePage(IReadOnlyList<AlertQueueItem> Items, int Total, int Page, int PageCount, IReadOnlyDictionary<AlertState, int> StateCounts);

/// <summary>The analysts' alert queue over all companies of their operator (the tenant filter), newest first, a page at a time.</summary>
public sealed class ListAlertQueueHandler(AppDbContext db, IOptions<TriageOptions> options)
{
    private static readonly TimeSpan s_japan = TimeSpan.FromHours(9);

    public async Task<AlertQueuePage> HandleAsync(AlertQueueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var alerts = db.SecurityAlerts.AsNoTracking();
        if (query.CompanyId is not null)
        {
            alerts = alerts.Where(a => a.CompanyId == query.CompanyId);
        }

        if (query.Type is not null)
        {
            alerts = alerts.Where(a => a.Type == query.Type);
        }

        if (query.Severity is not null)
        {
            alerts = alerts.Where(a => a.Severity == query.Severity);
        }

        if (query.From is not null || query.To is not null)
        {
            // SQLite cannot compare DateTimeOffset in SQL: pick the ids of the period in memory.
            var start = query.From is DateOnly from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), s_japan) : DateTimeOffset.MinValue;
            var end = query.To is DateOnly to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), s_japan) : DateTimeOffset.MaxValue;
            var spans = await alerts.Select(a => new { a.Id, a.FirstSeen, a.LastSeen }).ToListAsync(cancellationToken);
            var ids = spans.Where(a => a.LastSeen >= start && a.FirstSeen < end).Select(a => a.Id).ToList();
            alerts = alerts.Where(a => ids.Contains(a.Id));
        }

        var counts = await alerts.GroupBy(a => a.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        if (query.State is not null)
        {
            alerts = alerts.Where(a => a.State == query.State);
        }

        var size = options.Value.PageSize;
        var total = await alerts.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await alerts
            .OrderByDescending(a => a.Id)
            .Skip((page - 1) * size)
            .Take(size)
            .Select(a => new AlertQueueItem(
                a.Id, a.CompanyId, db.Companies.Where(c => c.Id == a.CompanyId).Select(c => c.Name).FirstOrDefault() ?? "",
                a.Type, a.Severity, a.State, a.SrcIp, a.DstIp, a.DstName, a.FirstSeen, a.LastSeen, a.Count, a.Evidence, a.IncidentId, a.DeviceId,
                db.Devices.Where(d => d.Id == a.DeviceId).Select(d => d.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new AlertQueuePage(rows, total, page, pageCount, counts);
    }
}
