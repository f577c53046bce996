using Mamori.Web.Data;
using Mamori.Web.Features.HelpDesk;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Alerts;

/// <summary>
/// The analysts' bulk actions on selected alerts: group into incidents, dismiss, or suppress
/// as known-benign. Each takes alert ids the user can see (the tenant filter drops others).
/// </summary>
public sealed class GroupAlertsIntoIncidentsHandler(AppDbContext db, TimeProvider time, IOptions<TriageOptions> options)
{
    /// <returns>The incidents the alerts went to (new or existing).</returns>
    public async Task<HandlerResult<IReadOnlyList<int>>> HandleAsync(IReadOnlyCollection<int> alertIds, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alertIds);
        var alerts = await db.SecurityAlerts
            .Where(a => alertIds.Contains(a.Id) && a.IncidentId == null)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        if (alerts.Count == 0)
        {
            return HandlerResult.Fail<IReadOnlyList<int>>("Triage.NothingSelected");
        }

        var now = time.GetUtcNow();
        foreach (var alert in alerts.Where(a => a.DeviceId is null))
        {
            alert.DeviceId = await AlertGrouping.ResolveDeviceAsync(db, alert, cancellationToken);
        }

        var incidents = new List<int>();
        foreach (var group in alerts.GroupBy(a => (a.CompanyId, a.Type, a.DeviceId, Address: a.DeviceId is null ? AlertGrouping.InternalAddress(a) : null)))
        {
            var members = group.OrderBy(a => a.FirstSeen).ToList();
            var first = members[0];
            var incident = await AlertGrouping.FindOpenIncidentAsync(db, first, options.Value.GroupingWindow, cancellationToken);
            if (incident is null)
            {
                var label = await DeviceLookup.LabelAsync(db, first.DeviceId, AlertGrouping.InternalAddress(first), "ja", cancellationToken);
                incident = await AlertGrouping.OpenAsync(db, first, label, actor, now, cancellationToken);
                if (first.DeviceId is not null)
                {
                    db.IncidentEvents.Add(IncidentWorkflow.Event(incident, now, IncidentEventKind.DeviceLinked, actor, label));
                }
            }

            AlertGrouping.Link(db, incident, members, actor, now);
            await db.SaveChangesAsync(cancellationToken);
            incidents.Add(incident.Id);
        }

        return HandlerResult.Ok<IReadOnlyList<int>>(incidents.Distinct().ToList());
    }
}

public sealed class DismissAlertsHandler(AppDbContext db)
{
    public async Task<int> HandleAsync(IReadOnlyCollection<int> alertIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alertIds);
        var alerts = await db.SecurityAlerts.Where(a => alertIds.Contains(a.Id) && a.State == AlertState.New).ToListAsync(cancellationToken);
        foreach (var alert in alerts)
        {
            alert.State = AlertState.Dismissed;
        }

        await db.SaveChangesAsync(cancellationToken);
        return alerts.Count;
    }
}

/// <summary>A known-benign rule to create; null match fields match anything.</summary>
public sealed record SuppressionRuleRequest(int CompanyId, Mamori.Sensor.Detection.AlertType? AlertType, string? SrcIp, string? DstIp, string? DstName, string? Reason, int DaysValid);

/// <summary>Creates known-benign rules, from the form or from selected alerts, and suppresses what they match now.</summary>
public sealed class SuppressAlertsHandler(AppDbContext db, TimeProvider time)
{
    public async Task<HandlerResult<SuppressionRule>> CreateRuleAsync(SuppressionRuleRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return HandlerResult.Fail<SuppressionRule>("Suppression.ReasonRequired");
        }

        if (request.DaysValid is < 1 or > 365)
        {
            return HandlerResult.Fail<SuppressionRule>("Suppression.DaysInvalid");
        }

        if (request.AlertType is null && Blank(request.SrcIp) && Blank(request.DstIp) && Blank(request.DstName))
        {
            return HandlerResult.Fail<SuppressionRule>("Suppression.TooBroad");
        }

        var company = await db.Companies.Where(c => c.Id == request.CompanyId).Select(c => new { c.Id, c.OperatorId }).FirstOrDefaultAsync(cancellationToken);
        if (company is null)
        {
            return HandlerResult.Fail<SuppressionRule>("Triage.NotFound");
        }

        var now = time.GetUtcNow();
        var rule = new SuppressionRule
        {
            OperatorId = company.OperatorId,
            CompanyId = company.Id,
            AlertType = request.AlertType,
            SrcIp = Trim(request.SrcIp),
            DstIp = Trim(request.DstIp),
            DstName = Trim(request.DstName),
            Reason = request.Reason.Trim(),
            CreatedBy = actor,
            CreatedAt = now,
            ExpiresAt = now.AddDays(request.DaysValid),
        };
        db.Add(rule);
        await db.SaveChangesAsync(cancellationToken);

        // What is already waiting in the queue and matches goes too.
        var waiting = await db.SecurityAlerts.Where(a => a.CompanyId == rule.CompanyId && a.State == AlertState.New).ToListAsync(cancellationToken);
        foreach (var alert in waiting.Where(a => rule.Matches(a, now)))
        {
            alert.State = AlertState.Suppressed;
            alert.SuppressionRuleId = rule.Id;
            rule.MatchedCount++;
            rule.LastMatchedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok(rule);
    }

    /// <summary>One rule per distinct company, type and destination among the selected alerts.</summary>
    public async Task<HandlerResult<int>> FromAlertsAsync(IReadOnlyCollection<int> alertIds, string? reason, int daysValid, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alertIds);
        var alerts = await db.SecurityAlerts.Where(a => alertIds.Contains(a.Id) && a.State == AlertState.New).ToListAsync(cancellationToken);
        if (alerts.Count == 0)
        {
            return HandlerResult.Fail<int>("Triage.NothingSelected");
        }

        var created = 0;
        foreach (var key in alerts.Select(a => (a.CompanyId, a.Type, a.DstIp, a.DstName)).Distinct())
        {
            var result = await CreateRuleAsync(new SuppressionRuleRequest(key.CompanyId, key.Type, null, key.DstIp, key.DstName, reason, daysValid), actor, cancellationToken);
            if (!result.Succeeded)
            {
                return HandlerResult.Fail<int>(result.Error!);
            }

            created++;
        }

        return HandlerResult.Ok(created);
    }

    public async Task<bool> DeleteRuleAsync(int ruleId, CancellationToken cancellationToken)
    {
        var rule = await db.Set<SuppressionRule>().FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken);
        if (rule is null)
        {
            return false;
        }

        rule.ExpiresAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
