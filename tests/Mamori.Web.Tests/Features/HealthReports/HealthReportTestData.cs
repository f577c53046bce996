using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Features.Notices;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Features.Sites;

namespace Mamori.Web.Tests.Features.HealthReports;

/// <summary>
/// A company with an office and two sensors, and the month's data a report reads, inserted
/// through the entities (as the ingest API and the analysts' pages store them).
/// </summary>
public sealed class HealthReportTestData(AppDbContext db, int operatorId, int companyId, int sensorA, int sensorB)
{
    public static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    public int OperatorId => operatorId;

    public int CompanyId => companyId;

    public int SensorA => sensorA;

    public int SensorB => sensorB;

    public static async Task<HealthReportTestData> CreateCompanyAsync(AppDbContext db, int operatorId, string name, Industry industry = Industry.Manufacturing, int pcs = 12)
    {
        ArgumentNullException.ThrowIfNull(db);
        var company = new MemberCompany { OperatorId = operatorId, Name = name, Industry = industry, PcCount = pcs, Prefecture = Mamori.Web.Features.Regions.Prefecture.Miyagi };
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        var site = new Site { OperatorId = operatorId, CompanyId = company.Id, Name = "本社", Kind = SiteKind.Office, Prefecture = Mamori.Web.Features.Regions.Prefecture.Miyagi };
        db.Sites.Add(site);
        await db.SaveChangesAsync();
        var a = new NetworkSensor { OperatorId = operatorId, CompanyId = company.Id, SiteId = site.Id, SerialNumber = "T-" + company.Id + "-A", Name = "A" };
        var b = new NetworkSensor { OperatorId = operatorId, CompanyId = company.Id, SiteId = site.Id, SerialNumber = "T-" + company.Id + "-B", Name = "B" };
        db.Sensors.AddRange(a, b);
        await db.SaveChangesAsync();
        return new HealthReportTestData(db, operatorId, company.Id, a.Id, b.Id);
    }

    /// <summary>One hourly counter interval per day (at 10:00 Japan time) on each given day of the month.</summary>
    public void AddDailyCounters(int sensorId, int year, int month, IEnumerable<int> days, long traffic, long security, int devices)
    {
        foreach (var day in days)
        {
            var start = new DateTimeOffset(year, month, day, 10, 0, 0, Japan).ToUniversalTime();
            db.SensorCounters.Add(new SensorCounterInterval
            {
                OperatorId = operatorId,
                CompanyId = companyId,
                SensorId = sensorId,
                Start = start,
                End = start.AddHours(1),
                Packets = traffic * 20,
                Bytes = traffic * 20_000,
                Flows = traffic,
                TrafficEvents = traffic,
                SecurityEvents = security,
                DevicesSeen = devices,
            });
        }
    }

    public SecurityAlert AddAlert(AlertType type, DateTimeOffset firstSeen, AlertState state = AlertState.New, int? incidentId = null, AlertSeverity severity = AlertSeverity.Medium)
    {
        // PostgreSQL stores timestamptz in UTC only, as the ingest API does.
        firstSeen = firstSeen.ToUniversalTime();
        var alert = new SecurityAlert
        {
            OperatorId = operatorId,
            CompanyId = companyId,
            SensorId = sensorA,
            ExternalId = Guid.NewGuid(),
            Type = type,
            KillChain = AlertCatalog.StageOf(type),
            Severity = severity,
            SrcIp = "192.168.1.20",
            DstIp = "203.0.113.9",
            FirstSeen = firstSeen,
            LastSeen = firstSeen.AddMinutes(5),
            Count = 3,
            Evidence = "test " + type,
            ReceivedAt = firstSeen,
            UpdatedAt = firstSeen,
            State = state,
            IncidentId = incidentId,
        };
        db.SecurityAlerts.Add(alert);
        return alert;
    }

    public Incident AddIncident(AlertType type, AlertSeverity severity, IncidentState state, DateTimeOffset openedAt, DateTimeOffset? closedAt = null, string title = "不審な通信の調査")
    {
        openedAt = openedAt.ToUniversalTime();
        closedAt = closedAt?.ToUniversalTime();
        var incident = new Incident
        {
            OperatorId = operatorId,
            CompanyId = companyId,
            AlertType = type,
            Severity = severity,
            State = state,
            Title = title,
            OpenedAt = openedAt,
            FirstAlertAt = openedAt,
            LastAlertAt = openedAt,
            ClosedAt = closedAt,
            AlertCount = 1,
        };
        db.Incidents.Add(incident);
        return incident;
    }

    public Notice AddNotice(string subject, DateTimeOffset createdAt, int? incidentId = null, NoticeDelivery delivery = NoticeDelivery.Sent)
    {
        createdAt = createdAt.ToUniversalTime();
        return db.Notices.Add(new Notice
        {
            OperatorId = operatorId,
            CompanyId = companyId,
            IncidentId = incidentId,
            Kind = NoticeKind.Incident,
            Severity = AlertSeverity.High,
            Language = "ja",
            Subject = subject,
            Body = "本文",
            CreatedAt = createdAt,
            SentAt = createdAt,
            AuthorName = "analyst",
            Delivery = delivery,
        }).Entity;
    }

    public Task SaveAsync() => db.SaveChangesAsync();
}
