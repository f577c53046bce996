using Mamori.Sensor.Detection;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Features.Triage;

/// <summary>Grouping related alerts into incidents and suppressing known-benign ones .</summary>
public sealed class GroupingAndSuppressionTests : TriageTestBase
{
    [Fact]
    public async Task Group_SameCompanyTypeAndDevice_OneIncidentNamingTheDevice()
    {
        var pc = await AddDeviceAsync(Aoba, "経理のノートPC", "192.168.50.23", "山田", "FMV-A123");
        var a1 = await AddAlertAsync(Aoba, AlertType.PhishingSite, "192.168.50.23", dstName: "login-bank.example");
        var a2 = await AddAlertAsync(Aoba, AlertType.PhishingSite, "192.168.50.23", dstName: "login-bank2.example", at: TimeSpan.FromHours(2));
        var other = await AddAlertAsync(Aoba, AlertType.PhishingSite, "192.168.50.99", at: TimeSpan.FromHours(1));

        await using var db = Operator();
        var result = await new GroupAlertsIntoIncidentsHandler(db, Time, Options).HandleAsync([a1.Id, a2.Id, other.Id], "分析 太郎", CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, result.Value!.Count);
        var incident = await db.Incidents.SingleAsync(i => i.DeviceId == pc.Id);
        Assert.Equal(2, incident.AlertCount);
        Assert.Contains("経理のノートPC", incident.Title);
        Assert.Equal(IncidentState.New, incident.State);
        Assert.Equal(a1.FirstSeen, incident.FirstAlertAt);
        Assert.All(await db.SecurityAlerts.Where(a => a.Id == a1.Id || a.Id == a2.Id).ToListAsync(), a =>
        {
            Assert.Equal(incident.Id, a.IncidentId);
            Assert.Equal(AlertState.InIncident, a.State);
        });
        var kinds = await db.IncidentEvents.Where(e => e.IncidentId == incident.Id).Select(e => e.Kind).ToListAsync();
        Assert.Contains(IncidentEventKind.Opened, kinds);
        Assert.Contains(IncidentEventKind.AlertsLinked, kinds);
        Assert.Contains(IncidentEventKind.DeviceLinked, kinds);
    }

    [Fact]
    public async Task Group_DifferentType_SeparateIncidents()
    {
        await AddDeviceAsync(Aoba, "社長のPC", "192.168.50.30");
        var phishing = await AddAlertAsync(Aoba, AlertType.PhishingSite, "192.168.50.30");
        var c2 = await AddAlertAsync(Aoba, AlertType.KnownC2, "192.168.50.30");

        await using var db = Operator();
        var result = await new GroupAlertsIntoIncidentsHandler(db, Time, Options).HandleAsync([phishing.Id, c2.Id], "a", CancellationToken.None);

        Assert.Equal(2, result.Value!.Distinct().Count());
    }

    [Fact]
    public async Task TriageNewAlerts_WithinWindow_JoinsOpenIncident_OutsideWindow_WaitsInQueue()
    {
        var pc = await AddDeviceAsync(Aoba, "受付のPC", "192.168.50.40");
        var first = await AddAlertAsync(Aoba, AlertType.KnownC2, "192.168.50.40");
        await using (var db = Operator())
        {
            await new GroupAlertsIntoIncidentsHandler(db, Time, Options).HandleAsync([first.Id], "a", CancellationToken.None);
        }

        var soon = await AddAlertAsync(Aoba, AlertType.KnownC2, "192.168.50.40", at: TimeSpan.FromHours(5));
        var late = await AddAlertAsync(Aoba, AlertType.KnownC2, "192.168.50.40", at: TimeSpan.FromHours(40));
        var otherCompany = await AddAlertAsync(Minato, AlertType.KnownC2, "192.168.50.40", at: TimeSpan.FromHours(5));

        await using (var db = Seeded.Database.CreateSystemContext())
        {
            var pass = await new TriageNewAlertsHandler(db, Time, Options).HandleAsync(CancellationToken.None);
            Assert.True(pass.Linked >= 1);
        }

        await using var check = Operator();
        var incident = await check.Incidents.SingleAsync(i => i.DeviceId == pc.Id);
        Assert.Equal(2, incident.AlertCount);
        Assert.Equal(incident.Id, (await check.SecurityAlerts.SingleAsync(a => a.Id == soon.Id)).IncidentId);
        var lateRow = await check.SecurityAlerts.SingleAsync(a => a.Id == late.Id);
        Assert.Null(lateRow.IncidentId);
        Assert.Equal(AlertState.New, lateRow.State);
        Assert.Equal(pc.Id, lateRow.DeviceId);
        Assert.Null((await check.SecurityAlerts.SingleAsync(a => a.Id == otherCompany.Id)).IncidentId);
    }

    [Fact]
    public async Task ResolveDevice_AddressMovedBetweenDevices_UsesTheDeviceAtAlertTime()
    {
        await using (var db = Seeded.Database.CreateSystemContext())
        {
            var before = new Mamori.Web.Features.Devices.Device { OperatorId = Tohoku, CompanyId = Aoba, Name = "古いPC" };
            var after = new Mamori.Web.Features.Devices.Device { OperatorId = Tohoku, CompanyId = Aoba, Name = "新しいPC" };
            db.Devices.AddRange(before, after);
            await db.SaveChangesAsync();
            db.DeviceAddresses.AddRange(
                new Mamori.Web.Features.Devices.DeviceAddress { OperatorId = Tohoku, CompanyId = Aoba, DeviceId = before.Id, IpAddress = "192.168.50.77", FirstSeen = Time.GetUtcNow().AddDays(-10), LastSeen = Time.GetUtcNow().AddDays(-5) },
                new Mamori.Web.Features.Devices.DeviceAddress { OperatorId = Tohoku, CompanyId = Aoba, DeviceId = after.Id, IpAddress = "192.168.50.77", FirstSeen = Time.GetUtcNow().AddDays(-2), LastSeen = Time.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        var old = await AddAlertAsync(Aoba, AlertType.PortScan, "192.168.50.77", at: TimeSpan.FromDays(-6));
        var recent = await AddAlertAsync(Aoba, AlertType.PortScan, "192.168.50.77", at: TimeSpan.FromHours(-1));

        await using var check = Operator();
        var oldDevice = await AlertGrouping.ResolveDeviceAsync(check, old, CancellationToken.None);
        var recentDevice = await AlertGrouping.ResolveDeviceAsync(check, recent, CancellationToken.None);
        Assert.Equal("古いPC", (await check.Devices.SingleAsync(d => d.Id == oldDevice)).Name);
        Assert.Equal("新しいPC", (await check.Devices.SingleAsync(d => d.Id == recentDevice)).Name);
    }

    [Fact]
    public async Task Suppression_RuleMatchesWaitingAndNewAlerts_CountsThem_LeavesOthers()
    {
        var waiting = await AddAlertAsync(Aoba, AlertType.BruteForceFailure, "198.51.100.9", dstIp: "192.168.50.5");
        var otherType = await AddAlertAsync(Aoba, AlertType.PortScan, "198.51.100.9", dstIp: "192.168.50.5");
        int ruleId;
        await using (var db = Operator())
        {
            var result = await new SuppressAlertsHandler(db, Time).CreateRuleAsync(
                new SuppressionRuleRequest(Aoba, AlertType.BruteForceFailure, null, "192.168.50.5", null, "自社の保守業者による定期点検", 30), "分析 太郎", CancellationToken.None);
            Assert.True(result.Succeeded, result.Error);
            ruleId = result.Value!.Id;
        }

        var fresh = await AddAlertAsync(Aoba, AlertType.BruteForceFailure, "198.51.100.10", dstIp: "192.168.50.5", at: TimeSpan.FromHours(1));
        var otherCompany = await AddAlertAsync(Minato, AlertType.BruteForceFailure, "198.51.100.10", dstIp: "192.168.50.5", at: TimeSpan.FromHours(1));
        await using (var db = Seeded.Database.CreateSystemContext())
        {
            var pass = await new TriageNewAlertsHandler(db, Time, Options).HandleAsync(CancellationToken.None);
            Assert.Equal(1, pass.Suppressed);
        }

        await using var check = Operator();
        var rule = await check.Set<SuppressionRule>().SingleAsync(r => r.Id == ruleId);
        Assert.Equal(2, rule.MatchedCount);
        Assert.Equal(AlertState.Suppressed, (await check.SecurityAlerts.SingleAsync(a => a.Id == waiting.Id)).State);
        Assert.Equal(ruleId, (await check.SecurityAlerts.SingleAsync(a => a.Id == fresh.Id)).SuppressionRuleId);
        Assert.Equal(AlertState.New, (await check.SecurityAlerts.SingleAsync(a => a.Id == otherType.Id)).State);
        Assert.Equal(AlertState.New, (await check.SecurityAlerts.SingleAsync(a => a.Id == otherCompany.Id)).State);
    }

    [Fact]
    public async Task Suppression_ExpiredRule_NoLongerMatches()
    {
        await using (var db = Operator())
        {
            var result = await new SuppressAlertsHandler(db, Time).CreateRuleAsync(
                new SuppressionRuleRequest(Aoba, AlertType.UrlScan, null, null, null, "脆弱性診断", 1), "a", CancellationToken.None);
            Assert.True(result.Succeeded);
        }

        Time.Now = Time.Now.AddDays(2);
        var alert = await AddAlertAsync(Aoba, AlertType.UrlScan, "198.51.100.20", dstIp: "192.168.50.6");
        await using (var db = Seeded.Database.CreateSystemContext())
        {
            await new TriageNewAlertsHandler(db, Time, Options).HandleAsync(CancellationToken.None);
        }

        await using var check = Operator();
        Assert.Equal(AlertState.New, (await check.SecurityAlerts.SingleAsync(a => a.Id == alert.Id)).State);
    }

    [Theory]
    [InlineData(null, null, null)]
    public async Task Suppression_NoMatchField_Refused(string? src, string? dst, string? name)
    {
        await using var db = Operator();
        var result = await new SuppressAlertsHandler(db, Time).CreateRuleAsync(new SuppressionRuleRequest(Aoba, null, src, dst, name, "理由", 30), "a", CancellationToken.None);
        Assert.Equal("Suppression.TooBroad", result.Error);
    }

    [Fact]
    public async Task Suppression_FromSelectedAlerts_WithoutReason_Refused()
    {
        var alert = await AddAlertAsync(Aoba, AlertType.PortScan, "198.51.100.9");
        await using var db = Operator();
        var result = await new SuppressAlertsHandler(db, Time).FromAlertsAsync([alert.Id], " ", 30, "a", CancellationToken.None);
        Assert.Equal("Suppression.ReasonRequired", result.Error);
        Assert.Equal(AlertState.New, (await db.SecurityAlerts.SingleAsync(a => a.Id == alert.Id)).State);
    }

    [Fact]
    public async Task Dismiss_OnlyNewAlerts()
    {
        var alert = await AddAlertAsync(Aoba, AlertType.PortScan, "198.51.100.9");
        await using var db = Operator();
        Assert.Equal(1, await new DismissAlertsHandler(db).HandleAsync([alert.Id], CancellationToken.None));
        Assert.Equal(0, await new DismissAlertsHandler(db).HandleAsync([alert.Id], CancellationToken.None));
    }

    [Theory]
    [InlineData("192.168.1.5", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("203.0.113.7", false)]
    [InlineData("fd00::1", true)]
    [InlineData("2001:db8::1", false)]
    [InlineData(null, false)]
    public void IsPrivate_Ranges(string? ip, bool expected) => Assert.Equal(expected, AlertGrouping.IsPrivate(ip));

    [Fact]
    public async Task Queue_FiltersByCompanyTypeStateAndPages()
    {
        for (var i = 0; i < 7; i++)
        {
            await AddAlertAsync(Minato, AlertType.DgaC2, "192.168.60." + (10 + i), at: TimeSpan.FromMinutes(i));
        }

        await using var db = Operator();
        var handler = new ListAlertQueueHandler(db, Microsoft.Extensions.Options.Options.Create(new Mamori.Web.Features.Triage.TriageOptions { PageSize = 5 }));
        var page1 = await handler.HandleAsync(new AlertQueueQuery(Minato, AlertType.DgaC2, null, AlertState.New, null, null, 1), CancellationToken.None);
        var page2 = await handler.HandleAsync(new AlertQueueQuery(Minato, AlertType.DgaC2, null, AlertState.New, null, null, 2), CancellationToken.None);

        Assert.True(page1.Total >= 7);
        Assert.Equal(5, page1.Items.Count);
        Assert.All(page1.Items.Concat(page2.Items), a => Assert.Equal(Minato, a.CompanyId));
        Assert.Empty(page1.Items.Select(a => a.Id).Intersect(page2.Items.Select(a => a.Id)));
        Assert.True(page1.Items[0].Id > page1.Items[^1].Id, "newest first");

        var future = DateOnly.FromDateTime(Time.GetUtcNow().AddDays(30).DateTime);
        var none = await handler.HandleAsync(new AlertQueueQuery(Minato, null, null, null, future, null, 1), CancellationToken.None);
        Assert.Equal(0, none.Total);
    }
}
