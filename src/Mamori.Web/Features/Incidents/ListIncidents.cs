using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Notices;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Incidents;

public sealed record IncidentListItem(
    int Id, int CompanyId, string CompanyName, string Title, AlertType AlertType, AlertSeverity Severity, IncidentState State,
    string? AssigneeName, int AlertCount, DateTimeOffset OpenedAt, DateTimeOffset FirstAlertAt,
    TimeSpan? TimeToFirstResponse, TimeSpan? TimeToNotification, TimeSpan? TimeToResolution);

/// <summary>Averages over the listed incidents that reached each step (null when none did).</summary>
public sealed record ResponseTimes(TimeSpan? FirstResponse, TimeSpan? Notification, TimeSpan? Resolution)
{
    public static ResponseTimes Of(IReadOnlyCollection<IncidentListItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(Average(items.Select(i => i.TimeToFirstResponse)), Average(items.Select(i => i.TimeToNotification)), Average(items.Select(i => i.TimeToResolution)));
    }

    private static TimeSpan? Average(IEnumerable<TimeSpan?> spans)
    {
        var values = spans.Where(s => s is not null).Select(s => s!.Value.Ticks).ToList();
        return values.Count == 0 ? null : TimeSpan.FromTicks((long)values.Average());
    }
}

public sealed record IncidentList(IReadOnlyList<IncidentListItem> Items, ResponseTimes Averages);

/// <summary>
/// The incidents the user may see, newest first, with response times measured from the incident's
/// opening: to the first analyst move, to the company's notification, to resolution.
/// </summary>
public sealed class ListIncidentsHandler(AppDbContext db)
{
    public async Task<IncidentList> HandleAsync(IncidentState? state, int? companyId, bool openOnly, CancellationToken cancellationToken)
    {
        var query = db.Incidents.AsQueryable();
        if (state is not null)
        {
            query = query.Where(i => i.State == state);
        }

        if (openOnly)
        {
            query = query.Where(i => i.State != IncidentState.Resolved && i.State != IncidentState.FalsePositive);
        }

        if (companyId is not null)
        {
            query = query.Where(i => i.CompanyId == companyId);
        }

        var rows = await query
            .Select(i => new
            {
                i.Id, i.CompanyId, i.Title, i.AlertType, i.Severity, i.State, i.AssigneeName, i.AlertCount, i.OpenedAt, i.FirstAlertAt,
                i.FirstRespondedAt, i.NotifiedAt, i.ClosedAt,
                CompanyName = db.Companies.Where(c => c.Id == i.CompanyId).Select(c => c.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var items = rows
            .OrderByDescending(r => r.OpenedAt).ThenByDescending(r => r.Id)
            .Select(r => new IncidentListItem(
                r.Id, r.CompanyId, r.CompanyName ?? "", r.Title, r.AlertType, r.Severity, r.State, r.AssigneeName, r.AlertCount, r.OpenedAt, r.FirstAlertAt,
                r.FirstRespondedAt - r.OpenedAt,
                r.NotifiedAt - r.OpenedAt,
                r.State == IncidentState.Resolved ? r.ClosedAt - r.OpenedAt : null))
            .ToList();
        return new IncidentList(items, ResponseTimes.Of(items));
    }
}

public sealed record IncidentDetail(
    Incident Incident, string CompanyName, Device? Device, IReadOnlyList<IncidentEvent> Timeline,
    IReadOnlyList<SecurityAlert> Alerts, IReadOnlyList<Device> Devices, IReadOnlyList<Notice> Notices);

/// <summary>One incident with its timeline, linked alerts and devices, and notices; null when not visible.</summary>
public sealed class GetIncidentHandler(AppDbContext db)
{
    public async Task<IncidentDetail?> HandleAsync(int id, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return null;
        }

        var company = await db.Companies.Where(c => c.Id == incident.CompanyId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        var timeline = (await db.IncidentEvents.AsNoTracking().Where(e => e.IncidentId == id).ToListAsync(cancellationToken))
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        var alerts = (await db.SecurityAlerts.AsNoTracking().Where(a => a.IncidentId == id).ToListAsync(cancellationToken))
            .OrderBy(a => a.FirstSeen).ToList();
        var deviceIds = alerts.Select(a => a.DeviceId).Append(incident.DeviceId).Where(d => d is not null).Select(d => d!.Value).Distinct().ToList();
        var devices = await db.Devices.AsNoTracking().Where(d => deviceIds.Contains(d.Id)).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var notices = (await db.Notices.AsNoTracking().Where(n => n.IncidentId == id).ToListAsync(cancellationToken))
            .OrderBy(n => n.CreatedAt).ToList();
        return new IncidentDetail(incident, company, devices.FirstOrDefault(d => d.Id == incident.DeviceId), timeline, alerts, devices, notices);
    }
}
