using Mamori.Web.Data;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Notices;
using Mamori.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Alerts;

/// <summary>What one pass over new alerts did.</summary>
public sealed record TriagePassResult(int DevicesResolved, int Suppressed, int Linked);

/// <summary>
/// The automatic part of triage, run by <see cref="Workers.AlertTriageWorker"/> on alerts ingest
/// stored as New: name the device behind the company-side address, suppress alerts matching a
/// live known-benign rule (counted on the rule), and add alerts to an open incident of the same
/// company, type and device within the grouping window. What is left waits in the analysts' queue.
/// </summary>
public sealed class TriageNewAlertsHandler(AppDbContext db, TimeProvider time, IOptions<TriageOptions> options)
{
    public const string SystemActor = "system";

    public async Task<TriagePassResult> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var fresh = await db.SecurityAlerts
            .Where(a => a.State == AlertState.New && a.SuppressionRuleId == null)
            .OrderBy(a => a.Id)
            .Take(2000)
            .ToListAsync(cancellationToken);
        if (fresh.Count == 0)
        {
            return new TriagePassResult(0, 0, 0);
        }

        var companyIds = fresh.Select(a => a.CompanyId).Distinct().ToList();
        var rules = (await db.Set<SuppressionRule>().Where(r => companyIds.Contains(r.CompanyId)).ToListAsync(cancellationToken))
            .Where(r => r.ExpiresAt > now)
            .ToList();

        int resolved = 0, suppressed = 0, linked = 0;
        foreach (var alert in fresh)
        {
            if (alert.DeviceId is null)
            {
                alert.DeviceId = await AlertGrouping.ResolveDeviceAsync(db, alert, cancellationToken);
                resolved += alert.DeviceId is null ? 0 : 1;
            }

            var rule = rules.FirstOrDefault(r => r.Matches(alert, now));
            if (rule is not null)
            {
                alert.State = AlertState.Suppressed;
                alert.SuppressionRuleId = rule.Id;
                rule.MatchedCount++;
                rule.LastMatchedAt = now;
                suppressed++;
                continue;
            }

            var incident = await AlertGrouping.FindOpenIncidentAsync(db, alert, options.Value.GroupingWindow, cancellationToken);
            if (incident is not null)
            {
                AlertGrouping.Link(db, incident, [alert], SystemActor, now);
                linked++;
            }

            // Save per alert so the next alert of the same group finds the updated incident span.
            await db.SaveChangesAsync(cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new TriagePassResult(resolved, suppressed, linked);
    }
}

/// <summary>Device labels of a company's devices, for titles and notices.</summary>
internal static class DeviceLookup
{
    public static async Task<string> LabelAsync(AppDbContext db, int? deviceId, string? ip, string language, CancellationToken cancellationToken)
    {
        Device? device = deviceId is null ? null : await db.Devices.FirstOrDefaultAsync(d => d.Id == deviceId, cancellationToken);
        return DeviceLabel.Format(device, ip, language);
    }
}
