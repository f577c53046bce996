using System.Net;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Detection.ThreatIntel;
using Mamori.Sensor.Intel;
using Mamori.Sensor.Shipping;
using Mamori.Web.Data;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Sensors;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Intel;

/// <summary>What to hunt for, where and since when.</summary>
/// <param name="OperatorId">The operator whose companies' stored traffic is searched.</param>
/// <param name="Indicators">Indicators to look for (IP addresses, domains, host names, URLs).</param>
/// <param name="Since">Only summaries last seen at or after this instant.</param>
/// <param name="CompanyId">One company only, or null for all of the operator's.</param>
/// <param name="RaiseAlerts">Store each finding as an alert in the analysts' queue (idempotent).</param>
public sealed record RetroHuntRequest(int OperatorId, IReadOnlyCollection<Indicator> Indicators, DateTimeOffset Since, int? CompanyId = null, bool RaiseAlerts = false);

/// <summary>One client's contacts with one indicator, summed over every stored summary row.</summary>
/// <param name="CompanyId">The company whose sensor saw it.</param>
/// <param name="SensorId">The sensor.</param>
/// <param name="ClientIp">The company-side device's address.</param>
/// <param name="Kind">dns, tls_sni, http_host (name summaries) or flow.</param>
/// <param name="Observed">The name the client used, or the server address it connected to.</param>
/// <param name="Port">The server port, for flows.</param>
/// <param name="Indicator">The indicator that matched.</param>
/// <param name="FirstSeen">First contact.</param>
/// <param name="LastSeen">Last contact.</param>
/// <param name="Count">Look-ups, requests or flows.</param>
public sealed record RetroHuntHit(
    int CompanyId, int SensorId, string ClientIp, string Kind, string Observed, int? Port, Indicator Indicator,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Count);

/// <summary>What a hunt found and did.</summary>
/// <param name="Hits">The findings, by company and first contact.</param>
/// <param name="RowsRead">Summary rows read (every name summary in the window, flow summaries to listed addresses).</param>
/// <param name="AlertsRaised">New alerts stored.</param>
/// <param name="AlertsUpdated">Alerts of an earlier hunt updated with later contacts.</param>
/// <param name="AlreadyAlerted">Findings a sensor had already alerted on (left alone).</param>
public sealed record RetroHuntResult(IReadOnlyList<RetroHuntHit> Hits, long RowsRead, int AlertsRaised, int AlertsUpdated, int AlreadyAlerted)
{
    public static RetroHuntResult Empty { get; } = new([], 0, 0, 0, 0);
}

/// <summary>
/// Server-side retro-hunt (R-5.4): looks for indicators in the DNS / TLS-name / HTTP-host and flow
/// summaries sensors shipped, which reach back much further than a sensor's own memory. Matching is the
/// sensor's (<see cref="ThreatIntelSet"/>: a domain matches the names below it, an address matches
/// exactly); findings become ordinary alerts (known_c2, malware_site, phishing_site) that triage picks
/// up like any other. The same finding hunted twice updates one alert; a finding a sensor already
/// alerted on is not raised again.
/// </summary>
public sealed class HuntStoredTrafficHandler(AppDbContext db, TimeProvider time)
{
    public const string FlowKind = "flow";

    public async Task<RetroHuntResult> HandleAsync(RetroHuntRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var set = new ThreatIntelSet(request.Indicators);
        if (set.Count == 0)
        {
            return RetroHuntResult.Empty;
        }

        var hits = new Dictionary<(int, int, string, string, string, int?), RetroHuntHit>();
        long rows = 0;
        var sqlite = db.Database.IsSqlite();
        var since = request.Since.ToUniversalTime();

        var names = db.Set<SensorNameSummary>().AsNoTracking().Where(n => n.OperatorId == request.OperatorId);
        if (request.CompanyId is { } company)
        {
            names = names.Where(n => n.CompanyId == company);
        }

        if (!sqlite)
        {
            // SQLite cannot compare DateTimeOffset columns in SQL; there the window is applied while streaming.
            names = names.Where(n => n.LastSeen >= since);
        }

        var nameRows = names.Select(n => new { n.CompanyId, n.SensorId, n.Kind, n.Name, n.ClientIp, n.FirstSeen, n.LastSeen, n.Count }).AsAsyncEnumerable();
        await foreach (var n in nameRows.WithCancellation(cancellationToken))
        {
            rows++;
            if (n.LastSeen < since)
            {
                continue;
            }

            var hit = n.Kind == "http_host"
                ? set.MatchName(IntelNormalizer.StripPort(n.Name)) ?? set.MatchHttp(n.Name, "/")
                : set.MatchName(n.Name);
            if (hit is not null)
            {
                Add(hits, new RetroHuntHit(n.CompanyId, n.SensorId, n.ClientIp, n.Kind, n.Name, null, hit, n.FirstSeen, n.LastSeen, n.Count));
            }
        }

        var addresses = request.Indicators.Where(i => i.Kind == IndicatorKind.Ip).Select(i => i.Value).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in addresses.Chunk(500))
        {
            var flows = db.Set<SensorFlowSummary>().AsNoTracking()
                .Where(f => f.OperatorId == request.OperatorId && chunk.Contains(f.ServerIp));
            if (request.CompanyId is { } only)
            {
                flows = flows.Where(f => f.CompanyId == only);
            }

            var flowRows = flows.Select(f => new { f.CompanyId, f.SensorId, f.ClientIp, f.ServerIp, f.ServerPort, f.FirstSeen, f.LastSeen, f.Flows }).AsAsyncEnumerable();
            await foreach (var f in flowRows.WithCancellation(cancellationToken))
            {
                rows++;
                if (f.LastSeen >= since && IPAddress.TryParse(f.ServerIp, out var server) && set.MatchIp(server) is { } hit)
                {
                    Add(hits, new RetroHuntHit(f.CompanyId, f.SensorId, f.ClientIp, FlowKind, f.ServerIp, f.ServerPort, hit, f.FirstSeen, f.LastSeen, f.Flows));
                }
            }
        }

        var found = hits.Values.OrderBy(h => h.CompanyId).ThenBy(h => h.FirstSeen).ToList();
        if (!request.RaiseAlerts || found.Count == 0)
        {
            return new RetroHuntResult(found, rows, 0, 0, 0);
        }

        var (raised, updated, known) = await RaiseAlertsAsync(request.OperatorId, found, cancellationToken);
        return new RetroHuntResult(found, rows, raised, updated, known);
    }

    /// <summary>The alert a finding becomes (evidence in the sensor's words, marked as found later).</summary>
    public static Alert ToAlert(RetroHuntHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var client = IPAddress.Parse(hit.ClientIp);
        return hit.Kind == FlowKind
            ? ThreatIntelDetector.ToAlert(hit.Indicator, client, new AlertEndpoint(hit.Observed, hit.Port), "connected to " + hit.Observed,
                hit.FirstSeen, hit.LastSeen, hit.Count, retro: true)
            : ThreatIntelDetector.ToAlert(hit.Indicator, client, new AlertEndpoint(null, null, hit.Observed), "looked up or visited " + hit.Observed,
                hit.FirstSeen, hit.LastSeen, hit.Count, retro: true);
    }

    /// <summary>The stable id of a server retro-hunt finding: the same sensor, client and observed name or address always give the same alert.</summary>
    public static Guid ExternalIdOf(RetroHuntHit hit, AlertType type)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return StableId.Of($"server-retro|{AlertCatalog.IdOf(type)}|{hit.SensorId}|{hit.ClientIp}|{(hit.Kind == FlowKind ? FlowKind : "name")}|{hit.Observed}|{hit.Port}");
    }

    private static void Add(Dictionary<(int, int, string, string, string, int?), RetroHuntHit> hits, RetroHuntHit hit)
    {
        // A look-up, a TLS handshake and an HTTP request to one name are one contact: one finding.
        var key = (hit.CompanyId, hit.SensorId, hit.ClientIp, hit.Kind == FlowKind ? FlowKind : "name", hit.Observed, hit.Port);
        hits[key] = hits.TryGetValue(key, out var seen)
            ? seen with
            {
                FirstSeen = hit.FirstSeen < seen.FirstSeen ? hit.FirstSeen : seen.FirstSeen,
                LastSeen = hit.LastSeen > seen.LastSeen ? hit.LastSeen : seen.LastSeen,
                Count = seen.Count + hit.Count,
            }
            : hit;
    }

    private async Task<(int Raised, int Updated, int Known)> RaiseAlertsAsync(int operatorId, List<RetroHuntHit> found, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var companies = found.Select(h => h.CompanyId).Distinct().ToList();
        var sensorIds = found.Select(h => h.SensorId).Distinct().ToList();
        var sites = await db.Set<NetworkSensor>().Where(s => sensorIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.SiteId, cancellationToken);
        var types = new[] { AlertType.KnownC2, AlertType.MalwareSite, AlertType.PhishingSite };
        var clients = found.Select(h => h.ClientIp).Distinct().ToList();
        var existing = await db.SecurityAlerts
            .Where(a => a.OperatorId == operatorId && companies.Contains(a.CompanyId) && types.Contains(a.Type) && a.SrcIp != null && clients.Contains(a.SrcIp))
            .ToListAsync(cancellationToken);
        var byExternalId = existing.ToDictionary(a => (a.CompanyId, a.ExternalId));

        int raised = 0, updated = 0, known = 0;
        foreach (var hit in found)
        {
            var alert = ToAlert(hit);
            var externalId = ExternalIdOf(hit, alert.Type);
            if (byExternalId.TryGetValue((hit.CompanyId, externalId), out var row))
            {
                if (hit.LastSeen.ToUniversalTime() > row.LastSeen || hit.Count > row.Count)
                {
                    row.LastSeen = hit.LastSeen.ToUniversalTime() > row.LastSeen ? hit.LastSeen.ToUniversalTime() : row.LastSeen;
                    row.Count = Math.Max(row.Count, hit.Count);
                    row.Evidence = alert.Evidence;
                    row.UpdatedAt = now;
                    updated++;
                }

                continue;
            }

            // The sensor saw it live (or in its own retro-hunt): analysts already have that alert.
            if (existing.Any(a => a.CompanyId == hit.CompanyId && a.Type == alert.Type && a.SrcIp == hit.ClientIp
                && (hit.Kind == FlowKind ? a.DstIp == hit.Observed : string.Equals(a.DstName, hit.Observed, StringComparison.OrdinalIgnoreCase))))
            {
                known++;
                continue;
            }

            row = new SecurityAlert
            {
                OperatorId = operatorId,
                CompanyId = hit.CompanyId,
                SiteId = sites.TryGetValue(hit.SensorId, out var site) ? site : null,
                SensorId = hit.SensorId,
                ExternalId = externalId,
                Type = alert.Type,
                KillChain = alert.KillChain,
                Severity = alert.Severity,
                SrcIp = alert.Src.Ip,
                DstIp = alert.Dst?.Ip,
                DstPort = alert.Dst?.Port,
                DstName = alert.Dst?.Name,
                FirstSeen = hit.FirstSeen.ToUniversalTime(),
                LastSeen = hit.LastSeen.ToUniversalTime(),
                Count = hit.Count,
                Evidence = alert.Evidence,
                ReceivedAt = now,
                UpdatedAt = now,
                State = AlertState.New,
            };
            db.SecurityAlerts.Add(row);
            byExternalId[(hit.CompanyId, externalId)] = row;
            existing.Add(row);
            raised++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (raised, updated, known);
    }
}
