using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Notices;

/// <summary>
/// High-severity notices the company has not acknowledged within <see cref="TriageOptions.EscalateHighAfter"/>
/// are escalated to the operator: stamped, written on the incident's timeline and shown at the top
/// of the analysts' queue so someone phones the company. Run by <see cref="Workers.NoticeEscalationWorker"/>.
/// </summary>
public sealed class EscalateNoticesHandler(AppDbContext db, TimeProvider time, IOptions<TriageOptions> options)
{
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var limit = options.Value.EscalateHighAfter;
        var waiting = (await db.Notices
                .Where(n => n.Severity == AlertSeverity.High && n.SentAt != null && n.AcknowledgedAt == null && n.EscalatedAt == null)
                .ToListAsync(cancellationToken))
            .Where(n => n.SentAt!.Value + limit <= now)
            .ToList();
        foreach (var notice in waiting)
        {
            notice.EscalatedAt = now;
            if (notice.IncidentId is int incidentId && await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken) is { } incident)
            {
                db.IncidentEvents.Add(IncidentWorkflow.Event(incident, now, IncidentEventKind.Escalated, TriageNewAlertsActor,
                    $"not acknowledged {limit.TotalHours:0.#} h after sending: {notice.Subject}"));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return waiting.Count;
    }

    private const string TriageNewAlertsActor = Alerts.TriageNewAlertsHandler.SystemActor;
}

public sealed record EscalatedNotice(int NoticeId, int? IncidentId, string CompanyName, string Subject, DateTimeOffset SentAt, DateTimeOffset EscalatedAt);

/// <summary>Escalated notices still unacknowledged, for the analysts' queue.</summary>
public sealed class ListEscalatedNoticesHandler(AppDbContext db)
{
    public async Task<IReadOnlyList<EscalatedNotice>> HandleAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Notices
            .Where(n => n.EscalatedAt != null && n.AcknowledgedAt == null)
            .Select(n => new { n.Id, n.IncidentId, n.Subject, n.SentAt, n.EscalatedAt, Company = db.Companies.Where(c => c.Id == n.CompanyId).Select(c => c.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new EscalatedNotice(r.Id, r.IncidentId, r.Company ?? "", r.Subject, r.SentAt!.Value, r.EscalatedAt!.Value))
            .OrderBy(r => r.EscalatedAt).ToList();
    }
}
