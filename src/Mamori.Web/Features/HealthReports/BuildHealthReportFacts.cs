using System.Linq.Expressions;
using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Features.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.HealthReports;

/// <summary>
/// Gathers one company's month (Japan time) from the alerts, incidents, notices and sensor
/// counters and grades it. Reads only; the caller stores the result.
/// </summary>
public sealed class BuildHealthReportFactsHandler(AppDbContext db, IOptions<HealthGradingRules> rules)
{
    /// <returns>The facts, or null when the company is not visible to the current tenant.</returns>
    public async Task<HealthReportFacts?> HandleAsync(int companyId, DateOnly month, CancellationToken cancellationToken)
    {
        month = HealthReportMonth.FirstDay(month);
        var company = await db.Companies.AsNoTracking()
            .Where(c => c.Id == companyId)
            .Select(c => new { c.Id, c.Name, c.Industry })
            .FirstOrDefaultAsync(cancellationToken);
        if (company is null)
        {
            return null;
        }

        var (start, end) = HealthReportMonth.Bounds(month);

        var counters = await InPeriodAsync(
            db.SensorCounters.AsNoTracking().Where(c => c.CompanyId == companyId)
                .Select(c => new { c.SensorId, c.Start, c.TrafficEvents, c.SecurityEvents, c.DevicesSeen }),
            c => c.Start >= start && c.Start < end,
            cancellationToken);

        var incidents = await InPeriodAsync(
            db.Incidents.AsNoTracking().Where(i => i.CompanyId == companyId)
                .Select(i => new { i.Id, i.Title, i.Severity, i.State, i.OpenedAt, i.ClosedAt, i.AlertType }),
            i => i.OpenedAt < end && (i.ClosedAt == null || i.ClosedAt >= start),
            cancellationToken);
        var falsePositiveIds = await db.Incidents.AsNoTracking()
            .Where(i => i.CompanyId == companyId && i.State == IncidentState.FalsePositive)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);

        var alerts = await InPeriodAsync(
            db.SecurityAlerts.AsNoTracking()
                .Where(a => a.CompanyId == companyId && a.State != AlertState.Suppressed && a.State != AlertState.Dismissed)
                .Select(a => new { a.Type, a.FirstSeen, a.LastSeen, a.IncidentId }),
            a => a.FirstSeen < end && a.LastSeen >= start,
            cancellationToken);
        alerts = alerts.Where(a => a.IncidentId is not { } id || !falsePositiveIds.Contains(id)).ToList();

        var notices = await InPeriodAsync(
            db.Notices.AsNoTracking()
                .Where(n => n.CompanyId == companyId && n.Kind != NoticeKind.HealthReport && n.Delivery != NoticeDelivery.Draft)
                .Select(n => new { n.Id, n.Subject, n.Kind, n.Severity, n.CreatedAt, n.AcknowledgedAt }),
            n => n.CreatedAt >= start && n.CreatedAt < end,
            cancellationToken);

        var items = HealthReportItems.All
            .Select(item => new HealthReportItemFinding(item, alerts.Count(a => HealthReportItems.For(a.Type) == item)))
            .ToList();
        int Findings(HealthReportItem item) => items.First(i => i.Item == item).Count;

        // The state an incident had when the month ended: closed later means still open then.
        bool OpenAtEnd(IncidentState state, DateTimeOffset? closedAt) =>
            state is not (IncidentState.Resolved or IncidentState.FalsePositive) || (closedAt is { } c && c >= end);
        var real = incidents.Where(i => i.State != IncidentState.FalsePositive).ToList();
        int OpenAtEndCount(AlertSeverity severity) => real.Count(i => i.Severity == severity && OpenAtEnd(i.State, i.ClosedAt));
        int ResolvedInMonth(AlertSeverity severity) => real.Count(i => i.Severity == severity && i.State == IncidentState.Resolved
            && i.ClosedAt is { } c && c >= start && c < end);

        var grading = new MonthFacts
        {
            MonitoredDays = counters.Select(c => DateOnly.FromDateTime(c.Start.ToOffset(HealthReportMonth.JapanOffset).DateTime)).Distinct().Count(),
            OpenHighIncidents = OpenAtEndCount(AlertSeverity.High),
            OpenMediumIncidents = OpenAtEndCount(AlertSeverity.Medium),
            OpenLowIncidents = OpenAtEndCount(AlertSeverity.Low),
            ResolvedHighIncidents = ResolvedInMonth(AlertSeverity.High),
            ResolvedMediumIncidents = ResolvedInMonth(AlertSeverity.Medium),
            PlaintextPasswordFindings = Findings(HealthReportItem.UndesirableOperation),
            PrivilegedAccountFindings = Findings(HealthReportItem.PrivilegedIdUse),
            BannedSoftwareFindings = Findings(HealthReportItem.BannedSoftware),
        };
        var assessment = HealthGrading.Assess(grading, rules.Value);

        var threats = items.Where(i => !HealthReportItems.IsUndesirableOperation(i.Item)).Sum(i => i.Count);
        var undesirable = items.Where(i => HealthReportItems.IsUndesirableOperation(i.Item)).Sum(i => i.Count);
        var securityEvents = counters.Sum(c => c.SecurityEvents);

        var history = await LoadHistoryAsync(companyId, month, cancellationToken);
        history.Add(new HealthReportHistoryPoint(month, assessment.Grade, threats, undesirable, securityEvents));

        return new HealthReportFacts
        {
            CompanyId = company.Id,
            CompanyName = company.Name,
            Industry = company.Industry,
            Month = month,
            Grade = assessment.Grade,
            Reasons = assessment.Reasons,
            Grading = grading,
            DevicesAnalysed = counters.GroupBy(c => c.SensorId).Sum(g => g.Max(c => c.DevicesSeen)),
            SecurityEvents = securityEvents,
            TrafficEvents = counters.Sum(c => c.TrafficEvents),
            Threats = threats,
            UndesirableOperations = undesirable,
            Items = items,
            // False alarms are not the company's incidents: they are left out of the report.
            Incidents = real
                .OrderBy(i => i.OpenedAt)
                .Select(i => new HealthReportIncident(i.Id, i.Title, i.Severity,
                    OpenAtEnd(i.State, i.ClosedAt) ? OpenStateAtEnd(i.State) : i.State,
                    i.OpenedAt, HealthReportItems.For(i.AlertType)))
                .ToList(),
            Notices = notices
                .OrderBy(n => n.CreatedAt)
                .Select(n => new HealthReportNotice(n.Id, n.Subject, n.Kind, n.Severity, n.CreatedAt, n.AcknowledgedAt is { } a && a < end))
                .ToList(),
            History = history,
        };
    }

    // An incident closed after the month ended was still being handled at month end; "notified"
    // is the furthest open state the timeline tells us without reading it.
    private static IncidentState OpenStateAtEnd(IncidentState now) =>
        now is IncidentState.Resolved or IncidentState.FalsePositive ? IncidentState.Notified : now;

    private async Task<List<HealthReportHistoryPoint>> LoadHistoryAsync(int companyId, DateOnly month, CancellationToken cancellationToken)
    {
        var from = month.AddMonths(-5);
        var earlier = await db.Set<HealthReport>().AsNoTracking()
            .Where(r => r.CompanyId == companyId && r.Month >= from && r.Month < month)
            .OrderBy(r => r.Month)
            .Select(r => new { r.Month, r.Grade, r.FactsJson })
            .ToListAsync(cancellationToken);
        return earlier.Select(r =>
        {
            var f = HealthReportFacts.FromJson(r.FactsJson);
            return new HealthReportHistoryPoint(r.Month, r.Grade, f.Threats, f.UndesirableOperations, f.SecurityEvents);
        }).ToList();
    }

    /// <summary>
    /// SQLite cannot compare DateTimeOffset columns in SQL, so there the company's rows are read
    /// and the period is applied here; PostgreSQL filters in the query.
    /// </summary>
    private async Task<List<T>> InPeriodAsync<T>(IQueryable<T> query, Expression<Func<T, bool>> inPeriod, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            var all = await query.ToListAsync(cancellationToken);
            return all.Where(inPeriod.Compile()).ToList();
        }

        return await query.Where(inPeriod).ToListAsync(cancellationToken);
    }
}

/// <summary>Report months are calendar months in Japan time.</summary>
public static class HealthReportMonth
{
    public static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    public static DateOnly FirstDay(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>
    /// The month's first instant and the next month's first instant (midnight Japan time), as UTC
    /// values: PostgreSQL's timestamptz accepts only offset 0.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(DateOnly month)
    {
        var first = FirstDay(month);
        return (MidnightInJapan(first), MidnightInJapan(first.AddMonths(1)));
    }

    /// <summary>00:00 Japan time of a day, as a UTC value.</summary>
    public static DateTimeOffset MidnightInJapan(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), JapanOffset).ToUniversalTime();

    /// <summary>The month before the one <paramref name="now"/> falls in (Japan time): what the 1st's job reports on.</summary>
    public static DateOnly PreviousMonth(DateTimeOffset now)
    {
        var local = now.ToOffset(JapanOffset);
        return new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
    }
}
