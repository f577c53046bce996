using System.Net;
using System.Net.Sockets;
using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Alerts;

/// <summary>
/// How related alerts become one incident (R-6.1): the same company, alert type and device (the
/// company-side address resolved to an inventory device at the alert's time), while the incident is
/// open and its last alert is within the grouping window.
/// </summary>
public static class AlertGrouping
{
    /// <summary>The company-side address of an alert: the source when private, else the destination when private.</summary>
    public static string? InternalAddress(SecurityAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (IsPrivate(alert.SrcIp))
        {
            return alert.SrcIp;
        }

        return IsPrivate(alert.DstIp) ? alert.DstIp : alert.SrcIp ?? alert.DstIp;
    }

    /// <summary>RFC 1918, loopback, link-local, CGNAT and IPv6 unique-local addresses.</summary>
    public static bool IsPrivate(string? ip)
    {
        if (ip is null || !IPAddress.TryParse(ip, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return (first & 0xfe) == 0xfc || address.IsIPv6LinkLocal || IPAddress.IsLoopback(address);
        }

        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
            || b[0] == 127;
    }

    /// <summary>
    /// The inventory device behind the alert's company-side address at its first-seen time: the address
    /// history first (<see cref="ResolveDeviceAtTime"/>), else a device whose recorded address is that IP.
    /// </summary>
    public static async Task<int?> ResolveDeviceAsync(AppDbContext db, SecurityAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ip = InternalAddress(alert);
        if (ip is null)
        {
            return null;
        }

        var resolved = await ResolveDeviceAtTime.HandleAsync(db, alert.CompanyId, ip, alert.FirstSeen, cancellationToken);
        if (resolved is not null)
        {
            return resolved;
        }

        var byInventory = await db.Devices
            .Where(d => d.CompanyId == alert.CompanyId && d.IpAddress == ip)
            .OrderBy(d => d.Id)
            .Select(d => (int?)d.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return byInventory;
    }

    /// <summary>An open incident the alert belongs to, if any.</summary>
    public static async Task<Incident?> FindOpenIncidentAsync(AppDbContext db, SecurityAlert alert, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(alert);
        var candidates = await db.Incidents
            .Where(i => i.CompanyId == alert.CompanyId
                && i.AlertType == alert.Type
                && i.DeviceId == alert.DeviceId
                && i.State != IncidentState.Resolved
                && i.State != IncidentState.FalsePositive)
            .ToListAsync(cancellationToken);
        return candidates
            .Where(i => alert.FirstSeen <= i.LastAlertAt + window && alert.LastSeen >= i.FirstAlertAt - window)
            .OrderByDescending(i => i.LastAlertAt)
            .FirstOrDefault();
    }

    /// <summary>Opens (and saves) an incident for a first alert, with its Opened timeline entry.</summary>
    public static async Task<Incident> OpenAsync(AppDbContext db, SecurityAlert alert, string deviceLabel, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(alert);
        var incident = new Incident
        {
            OperatorId = alert.OperatorId,
            CompanyId = alert.CompanyId,
            SiteId = alert.SiteId,
            DeviceId = alert.DeviceId,
            AlertType = alert.Type,
            Severity = alert.Severity,
            State = IncidentState.New,
            Title = AlertExplanations.For(alert.Type, "ja").Title + " — " + deviceLabel,
            OpenedAt = now,
            FirstAlertAt = alert.FirstSeen,
            LastAlertAt = alert.LastSeen,
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        db.IncidentEvents.Add(new IncidentEvent
        {
            OperatorId = incident.OperatorId,
            CompanyId = incident.CompanyId,
            IncidentId = incident.Id,
            At = now,
            Kind = IncidentEventKind.Opened,
            ActorName = actor,
            Text = incident.Title,
        });
        return incident;
    }

    /// <summary>Links alerts to a saved incident (not saved), widening its time span and raising its severity.</summary>
    public static void Link(AppDbContext db, Incident incident, IReadOnlyList<SecurityAlert> alerts, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            return;
        }

        foreach (var alert in alerts)
        {
            alert.IncidentId = incident.Id;
            alert.State = AlertState.InIncident;
            alert.SuppressionRuleId = null;
            incident.FirstAlertAt = alert.FirstSeen < incident.FirstAlertAt ? alert.FirstSeen : incident.FirstAlertAt;
            incident.LastAlertAt = alert.LastSeen > incident.LastAlertAt ? alert.LastSeen : incident.LastAlertAt;
            if (alert.Severity > incident.Severity)
            {
                incident.Severity = alert.Severity;
            }
        }

        incident.AlertCount += alerts.Count;
        db.IncidentEvents.Add(new IncidentEvent
        {
            OperatorId = incident.OperatorId,
            CompanyId = incident.CompanyId,
            IncidentId = incident.Id,
            At = now,
            Kind = IncidentEventKind.AlertsLinked,
            ActorName = actor,
            Text = string.Join(", ", alerts.Select(a => "#" + a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        });
    }
}
