using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.HelpDesk;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Incidents;

/// <summary>
/// The incident states and the moves between them:
/// new → investigating → notified → resolved / false positive, with reopening to investigating.
/// Every change is written to the timeline with who did it.
/// </summary>
public static class IncidentWorkflow
{
    private static readonly Dictionary<IncidentState, IncidentState[]> s_allowed = new()
    {
        [IncidentState.New] = [IncidentState.Investigating, IncidentState.FalsePositive],
        [IncidentState.Investigating] = [IncidentState.Notified, IncidentState.Resolved, IncidentState.FalsePositive],
        [IncidentState.Notified] = [IncidentState.Investigating, IncidentState.Resolved, IncidentState.FalsePositive],
        [IncidentState.Resolved] = [IncidentState.Investigating],
        [IncidentState.FalsePositive] = [IncidentState.Investigating],
    };

    public static IReadOnlyList<IncidentState> NextStates(IncidentState from) => s_allowed[from];

    public static bool CanMove(IncidentState from, IncidentState to) => s_allowed[from].Contains(to);

    public static bool IsOpen(IncidentState state) => state is not (IncidentState.Resolved or IncidentState.FalsePositive);

    /// <summary>Moves the incident and keeps the response-time stamps; false when the move is not allowed.</summary>
    public static bool TryMove(AppDbContext db, Incident incident, IncidentState to, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        if (!CanMove(incident.State, to))
        {
            return false;
        }

        var from = incident.State;
        incident.State = to;
        incident.FirstRespondedAt ??= now;
        if (to == IncidentState.Notified)
        {
            incident.NotifiedAt ??= now;
        }

        incident.ClosedAt = IsOpen(to) ? null : now;
        db.IncidentEvents.Add(Event(incident, now, IncidentEventKind.StateChanged, actor, $"{from} → {to}"));
        return true;
    }

    public static IncidentEvent Event(Incident incident, DateTimeOffset at, IncidentEventKind kind, string actor, string text)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new IncidentEvent
        {
            OperatorId = incident.OperatorId,
            CompanyId = incident.CompanyId,
            IncidentId = incident.Id,
            At = at,
            Kind = kind,
            ActorName = actor,
            Text = text.Length > 4000 ? text[..4000] : text,
        };
    }
}

/// <summary>An analyst's action on one incident.</summary>
public abstract record IncidentAction(int IncidentId);

public sealed record MoveIncident(int IncidentId, IncidentState To) : IncidentAction(IncidentId);

public sealed record AssignIncident(int IncidentId, string? UserId, string? Name) : IncidentAction(IncidentId);

public sealed record CommentOnIncident(int IncidentId, string? Text) : IncidentAction(IncidentId);

public sealed record ChangeIncidentSeverity(int IncidentId, AlertSeverity Severity) : IncidentAction(IncidentId);

public sealed record EditIncidentSummary(int IncidentId, string? Summary) : IncidentAction(IncidentId);

/// <summary>Applies one <see cref="IncidentAction"/>, recording it on the timeline.</summary>
public sealed class UpdateIncidentHandler(AppDbContext db, TimeProvider time)
{
    public async Task<HandlerResult<Incident>> HandleAsync(IncidentAction action, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == action.IncidentId, cancellationToken);
        if (incident is null)
        {
            return HandlerResult.Fail<Incident>("Triage.NotFound");
        }

        var now = time.GetUtcNow();
        switch (action)
        {
            case MoveIncident move:
                if (!IncidentWorkflow.TryMove(db, incident, move.To, actor, now))
                {
                    return HandlerResult.Fail<Incident>("Incident.MoveNotAllowed");
                }

                break;
            case AssignIncident assign:
                incident.AssigneeUserId = assign.UserId;
                incident.AssigneeName = assign.Name;
                db.IncidentEvents.Add(IncidentWorkflow.Event(incident, now, IncidentEventKind.Assigned, actor, assign.Name ?? "—"));
                break;
            case CommentOnIncident comment:
                if (string.IsNullOrWhiteSpace(comment.Text))
                {
                    return HandlerResult.Fail<Incident>("Incident.CommentRequired");
                }

                db.IncidentEvents.Add(IncidentWorkflow.Event(incident, now, IncidentEventKind.Comment, actor, comment.Text.Trim()));
                break;
            case ChangeIncidentSeverity severity:
                if (severity.Severity == incident.Severity)
                {
                    return HandlerResult.Ok(incident);
                }

                db.IncidentEvents.Add(IncidentWorkflow.Event(incident, now, IncidentEventKind.SeverityChanged, actor, $"{incident.Severity} → {severity.Severity}"));
                incident.Severity = severity.Severity;
                break;
            case EditIncidentSummary summary:
                incident.AnalystSummary = string.IsNullOrWhiteSpace(summary.Summary) ? null : summary.Summary.Trim();
                db.IncidentEvents.Add(IncidentWorkflow.Event(incident, now, IncidentEventKind.Comment, actor, "summary updated"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }

        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok(incident);
    }
}
