using Mamori.Sensor.Detection;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Features.Triage;

/// <summary>Incident states, allowed moves, timeline and response-time figures .</summary>
public sealed class IncidentWorkflowTests : TriageTestBase
{
    [Theory]
    [InlineData(IncidentState.New, IncidentState.Investigating, true)]
    [InlineData(IncidentState.New, IncidentState.FalsePositive, true)]
    [InlineData(IncidentState.New, IncidentState.Resolved, false)]
    [InlineData(IncidentState.New, IncidentState.Notified, false)]
    [InlineData(IncidentState.Investigating, IncidentState.Notified, true)]
    [InlineData(IncidentState.Notified, IncidentState.Resolved, true)]
    [InlineData(IncidentState.Resolved, IncidentState.Notified, false)]
    [InlineData(IncidentState.Resolved, IncidentState.Investigating, true)]
    [InlineData(IncidentState.FalsePositive, IncidentState.Resolved, false)]
    public void CanMove_FollowsTheWorkflow(IncidentState from, IncidentState to, bool allowed) =>
        Assert.Equal(allowed, IncidentWorkflow.CanMove(from, to));

    [Fact]
    public async Task Moves_StampResponseTimes_AndWriteTimeline()
    {
        var incidentId = await OpenIncidentAsync();
        await using var db = Operator();
        var update = new UpdateIncidentHandler(db, Time);

        Time.Now = Time.Now.AddMinutes(30);
        Assert.True((await update.HandleAsync(new MoveIncident(incidentId, IncidentState.Investigating), "分析 太郎", CancellationToken.None)).Succeeded);
        Assert.True((await update.HandleAsync(new AssignIncident(incidentId, "u1", "分析 太郎"), "分析 太郎", CancellationToken.None)).Succeeded);
        Assert.True((await update.HandleAsync(new CommentOnIncident(incidentId, "利用者に確認中"), "分析 太郎", CancellationToken.None)).Succeeded);
        Assert.Equal("Incident.CommentRequired", (await update.HandleAsync(new CommentOnIncident(incidentId, " "), "x", CancellationToken.None)).Error);
        Assert.Equal("Incident.MoveNotAllowed", (await update.HandleAsync(new MoveIncident(incidentId, IncidentState.New), "x", CancellationToken.None)).Error);
        Time.Now = Time.Now.AddHours(1);
        await update.HandleAsync(new MoveIncident(incidentId, IncidentState.Notified), "分析 太郎", CancellationToken.None);
        Time.Now = Time.Now.AddHours(2);
        await update.HandleAsync(new MoveIncident(incidentId, IncidentState.Resolved), "分析 太郎", CancellationToken.None);
        await update.HandleAsync(new ChangeIncidentSeverity(incidentId, AlertSeverity.High), "分析 太郎", CancellationToken.None);

        var list = await new ListIncidentsHandler(db).HandleAsync(null, Aoba, false, CancellationToken.None);
        var item = list.Items.Single(i => i.Id == incidentId);
        Assert.Equal(TimeSpan.FromMinutes(30), item.TimeToFirstResponse);
        Assert.Equal(TimeSpan.FromMinutes(90), item.TimeToNotification);
        Assert.Equal(TimeSpan.FromMinutes(210), item.TimeToResolution);
        Assert.Equal(IncidentState.Resolved, item.State);
        Assert.Equal(AlertSeverity.High, item.Severity);
        Assert.NotNull(list.Averages.Resolution);

        var detail = await new GetIncidentHandler(db).HandleAsync(incidentId, CancellationToken.None);
        var kinds = detail!.Timeline.Select(e => e.Kind).ToList();
        Assert.Equal(3, kinds.Count(k => k == IncidentEventKind.StateChanged)); // the refused move is not recorded
        Assert.Contains(IncidentEventKind.Assigned, kinds);
        Assert.Contains(IncidentEventKind.Comment, kinds);
        Assert.Contains(IncidentEventKind.SeverityChanged, kinds);
        Assert.Equal("分析 太郎", detail.Incident.AssigneeName);
        Assert.Single(detail.Alerts);
    }

    [Fact]
    public async Task Reopen_ClearsClosedAt()
    {
        var incidentId = await OpenIncidentAsync();
        await using var db = Operator();
        var update = new UpdateIncidentHandler(db, Time);
        await update.HandleAsync(new MoveIncident(incidentId, IncidentState.FalsePositive), "a", CancellationToken.None);
        Assert.NotNull((await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incidentId)).ClosedAt);
        await update.HandleAsync(new MoveIncident(incidentId, IncidentState.Investigating), "a", CancellationToken.None);
        Assert.Null((await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incidentId)).ClosedAt);
    }

    private async Task<int> OpenIncidentAsync()
    {
        var alert = await AddAlertAsync(Aoba, AlertType.PhishingSite, "192.168.50.88");
        await using var db = Operator();
        return (await new GroupAlertsIntoIncidentsHandler(db, Time, Options).HandleAsync([alert.Id], "a", CancellationToken.None)).Value!.Single();
    }
}
