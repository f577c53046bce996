using Mamori.Web.Data;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Features.Notices;
using Mamori.Web.Features.Sensors;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Portal;

/// <summary>An incident told in the company's own words: a plain title and one of three plain states.</summary>
public sealed record PortalIncident(int Id, string Title, PortalIncidentState State, DateTimeOffset Since, DateTimeOffset? NotifiedAt);

/// <summary>What a member sees instead of the analysts' states.</summary>
public enum PortalIncidentState
{
    /// <summary>We told you; please act (Notified, or reopened after notice).</summary>
    ActionNeeded = 1,

    /// <summary>Finished.</summary>
    Closed = 2,

    /// <summary>Checked: nothing to worry about.</summary>
    NoProblem = 3,
}

public sealed record PortalSensor(string Name, string SerialNumber, SensorStatus Status);

public sealed record PortalView(
    string CompanyName, IReadOnlyList<Notice> Notices, IReadOnlyList<PortalIncident> Incidents, IReadOnlyList<PortalSensor> Sensors, int DeviceCount, HelpDeskContact HelpDesk);

/// <summary>
/// The member portal: the company's published notices, its incidents in plain words (only
/// those it has been told about), its sensors and a count of its inventory. Tenant filters keep it
/// to the signed-in member's company.
/// </summary>
public sealed class GetPortalHandler(AppDbContext db)
{
    public async Task<PortalView?> HandleAsync(int companyId, string language, CancellationToken cancellationToken)
    {
        var company = await db.Companies.Where(c => c.Id == companyId).Select(c => new { c.Name, c.OperatorId }).FirstOrDefaultAsync(cancellationToken);
        if (company is null)
        {
            return null;
        }

        var notices = (await db.Notices.AsNoTracking().Where(n => n.CompanyId == companyId && n.SentAt != null).ToListAsync(cancellationToken))
            .OrderBy(n => n.AcknowledgedAt is null ? 0 : 1).ThenByDescending(n => n.SentAt).ToList();
        var incidents = (await db.Incidents.AsNoTracking().Where(i => i.CompanyId == companyId && i.NotifiedAt != null).ToListAsync(cancellationToken))
            .OrderByDescending(i => i.NotifiedAt).ToList();
        var deviceIds = incidents.Where(i => i.DeviceId is not null).Select(i => i.DeviceId!.Value).Distinct().ToList();
        var devices = await db.Devices.AsNoTracking().Where(d => deviceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var portalIncidents = incidents.Select(i => new PortalIncident(
                i.Id,
                PlainTitle(i, i.DeviceId is int id ? devices.GetValueOrDefault(id) : null, language),
                PlainState(i.State),
                i.FirstAlertAt,
                i.NotifiedAt))
            .ToList();
        var sensors = await db.Sensors.AsNoTracking().Where(s => s.CompanyId == companyId).OrderBy(s => s.Id)
            .Select(s => new PortalSensor(s.Name, s.SerialNumber, s.Status)).ToListAsync(cancellationToken);
        var deviceCount = await db.Devices.CountAsync(d => d.CompanyId == companyId, cancellationToken);
        var helpDesk = await NoticeText.HelpDeskAsync(db, company.OperatorId, cancellationToken);
        return new PortalView(company.Name, notices, portalIncidents, sensors, deviceCount, helpDesk);
    }

    public static string PlainTitle(Incident incident, Device? device, string language)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var title = NoticeTemplates.For(incident.AlertType, language).Title;
        return device is null ? title : $"{title} — {DeviceLabel.Format(device, null, language)}";
    }

    public static PortalIncidentState PlainState(IncidentState state) => state switch
    {
        IncidentState.Resolved => PortalIncidentState.Closed,
        IncidentState.FalsePositive => PortalIncidentState.NoProblem,
        _ => PortalIncidentState.ActionNeeded,
    };
}
