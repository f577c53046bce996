using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.HealthReports;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Features.Notices;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Tests.Features.HealthReports;

/// <summary>The report's facts from alerts, incidents, notices and counters of November 2026 (Japan time).</summary>
public sealed class BuildHealthReportFactsTests
{
    private static readonly DateOnly s_november = new(2026, 11, 1);

    private static DateTimeOffset Nov(int day, int hour = 12) => new(2026, 11, day, hour, 0, 0, HealthReportTestData.Japan);

    [Fact]
    public void Items_EveryAlertTypeFeedsExactlyOneItem()
    {
        foreach (var type in Enum.GetValues<AlertType>())
        {
            var item = HealthReportItems.For(type);
            Assert.Contains(type, HealthReportItems.TypesOf(item));
            Assert.Single(HealthReportItems.All, i => HealthReportItems.TypesOf(i).Contains(type));
        }

        Assert.Equal(6, HealthReportItems.All.Count);
        Assert.All(HealthReportItems.All, i => Assert.NotEmpty(HealthReportItems.TypesOf(i)));
    }

    [Fact]
    public async Task Build_ItemsDetectedFromAlertTypesInTheMonth_DismissedAndFalsePositivesLeftOut() =>
        await WithCompanyAsync(async (db, data) =>
        {
            data.AddAlert(AlertType.KnownC2, Nov(3));                                        // 不審な通信
            data.AddAlert(AlertType.PlaintextPassword, Nov(5));                              // 好ましくない運用
            data.AddAlert(AlertType.PlaintextPassword, Nov(6));
            data.AddAlert(AlertType.PortScan, Nov(7), AlertState.Dismissed);                // dismissed: not shown
            data.AddAlert(AlertType.BannedSoftware, Nov(8), AlertState.Suppressed);          // known benign: not shown
            data.AddAlert(AlertType.PrivilegedAccount, new DateTimeOffset(2026, 10, 31, 23, 0, 0, HealthReportTestData.Japan)); // October (JST)
            data.AddAlert(AlertType.UrlScan, new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero)); // 1 Dec 01:00 JST
            var falseAlarm = data.AddIncident(AlertType.AbnormalProcess, AlertSeverity.High, IncidentState.FalsePositive, Nov(9), Nov(10));
            await data.SaveAsync();
            data.AddAlert(AlertType.AbnormalProcess, Nov(9), AlertState.InIncident, falseAlarm.Id);
            await data.SaveAsync();

            var facts = await BuildAsync(db, data.CompanyId);

            Assert.True(facts.Item(HealthReportItem.SuspiciousTraffic).Detected);
            Assert.Equal(1, facts.Item(HealthReportItem.SuspiciousTraffic).Count);
            Assert.Equal(2, facts.Item(HealthReportItem.UndesirableOperation).Count);
            Assert.False(facts.Item(HealthReportItem.SuspiciousExternalActions).Detected);
            Assert.False(facts.Item(HealthReportItem.SuspiciousFileTransfer).Detected);
            Assert.False(facts.Item(HealthReportItem.PrivilegedIdUse).Detected);
            Assert.False(facts.Item(HealthReportItem.BannedSoftware).Detected);
            Assert.Equal(1, facts.Threats);
            Assert.Equal(2, facts.UndesirableOperations);
            Assert.Equal(2, facts.Grading.PlaintextPasswordFindings);
            Assert.Equal([.. HealthReportItems.All], facts.Items.Select(i => i.Item).ToList());
            Assert.Empty(facts.Incidents); // the only incident was a false positive
        });

    [Fact]
    public async Task Build_CountsFromCounters_DevicesAreEachSensorsBusiestIntervalAddedUp() =>
        await WithCompanyAsync(async (db, data) =>
        {
            data.AddDailyCounters(data.SensorA, 2026, 11, Enumerable.Range(1, 10), traffic: 1_000, security: 4, devices: 9);
            data.AddDailyCounters(data.SensorA, 2026, 11, [20], traffic: 500, security: 1, devices: 14);
            data.AddDailyCounters(data.SensorB, 2026, 11, [2, 3], traffic: 100, security: 0, devices: 3);
            data.AddDailyCounters(data.SensorA, 2026, 10, [31], traffic: 99_999, security: 99, devices: 50); // October: not counted
            await data.SaveAsync();

            var facts = await BuildAsync(db, data.CompanyId);

            Assert.Equal(11, facts.Grading.MonitoredDays);
            Assert.Equal(10_000 + 500 + 200, facts.TrafficEvents);
            Assert.Equal(40 + 1, facts.SecurityEvents);
            Assert.Equal(14 + 3, facts.DevicesAnalysed);
            Assert.Equal(HealthGrade.A, facts.Grade);
            Assert.Empty(facts.Reasons);
        });

    [Fact]
    public async Task Build_FewMonitoredDays_NotGraded() =>
        await WithCompanyAsync(async (db, data) =>
        {
            data.AddDailyCounters(data.SensorA, 2026, 11, [1, 2, 3], traffic: 10, security: 0, devices: 2);
            await data.SaveAsync();
            var facts = await BuildAsync(db, data.CompanyId);
            Assert.Equal(HealthGrade.NotAssessed, facts.Grade);
            Assert.Equal(3, facts.Grading.MonitoredDays);
            Assert.Contains("Action.CheckSensor", HealthReportAdvice.ActionKeys(facts));
        });

    [Fact]
    public async Task Build_IncidentResolvedAfterMonthEnd_CountsAsOpenAtMonthEnd_GradeD() =>
        await WithCompanyAsync(async (db, data) =>
        {
            data.AddDailyCounters(data.SensorA, 2026, 11, Enumerable.Range(1, 30), traffic: 10, security: 1, devices: 5);
            var late = data.AddIncident(AlertType.KnownC2, AlertSeverity.High, IncidentState.Resolved, Nov(25), new DateTimeOffset(2026, 12, 2, 9, 0, 0, HealthReportTestData.Japan), "C&Cサーバーとの通信");
            data.AddIncident(AlertType.BruteForceFailure, AlertSeverity.Medium, IncidentState.Resolved, Nov(3), Nov(4), "パスワードの総当たり");
            data.AddIncident(AlertType.PortScan, AlertSeverity.Low, IncidentState.Resolved, new DateTimeOffset(2026, 10, 1, 9, 0, 0, HealthReportTestData.Japan), new DateTimeOffset(2026, 10, 2, 9, 0, 0, HealthReportTestData.Japan));
            await data.SaveAsync();
            data.AddNotice("不審な通信のお知らせ", Nov(25, 15), late.Id);
            data.AddNotice("下書き", Nov(26), delivery: NoticeDelivery.Draft);
            await data.SaveAsync();

            var facts = await BuildAsync(db, data.CompanyId);

            Assert.Equal(HealthGrade.D, facts.Grade);
            Assert.Equal(1, facts.Grading.OpenHighIncidents);
            Assert.Equal(1, facts.Grading.ResolvedMediumIncidents);
            Assert.Equal(2, facts.Incidents.Count); // the October one is not this month's
            var open = facts.Incidents.Single(i => i.Id == late.Id);
            Assert.Equal(IncidentState.Notified, open.StateAtMonthEnd);
            Assert.Equal(HealthReportItem.SuspiciousTraffic, open.Item);
            Assert.Equal(IncidentState.Resolved, facts.Incidents.Single(i => i.Id != late.Id).StateAtMonthEnd);
            Assert.Equal("不審な通信のお知らせ", Assert.Single(facts.Notices).Subject);
            Assert.Equal("Action.OpenIncidents", HealthReportAdvice.ActionKeys(facts)[0]);
        });

    [Fact]
    public async Task Build_HistoryHasEarlierReportsThenThisMonth() =>
        await WithCompanyAsync(async (db, data) =>
        {
            data.AddDailyCounters(data.SensorA, 2026, 11, Enumerable.Range(1, 30), traffic: 10, security: 1, devices: 5);
            foreach (var (month, grade) in new[] { (4, HealthGrade.A), (9, HealthGrade.C), (10, HealthGrade.B) })
            {
                var earlier = new HealthReportFacts { CompanyName = "x", Month = new DateOnly(2026, month, 1), Grade = grade, Grading = new MonthFacts(), Threats = month };
                db.Set<HealthReport>().Add(new HealthReport { OperatorId = data.OperatorId, CompanyId = data.CompanyId, Month = earlier.Month, Grade = grade, FactsJson = earlier.ToJson() });
            }

            await data.SaveAsync();
            var facts = await BuildAsync(db, data.CompanyId);

            // April is more than five months before November: left out.
            Assert.Equal([new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), s_november], facts.History.Select(h => h.Month).ToList());
            Assert.Equal([HealthGrade.C, HealthGrade.B, HealthGrade.A], facts.History.Select(h => h.Grade).ToList());
            Assert.Equal(9, facts.History[0].Threats);
        });

    [Fact]
    public async Task Build_MemberOfAnotherCompany_GetsNothing() =>
        await WithCompanyAsync(async (database, db, data) =>
        {
            var other = new Mamori.Web.Infrastructure.Tenancy.TenantContext();
            other.UseMember(data.OperatorId, data.CompanyId + 1000);
            await using var member = database.CreateContext(other);
            Assert.Null(await new BuildHealthReportFactsHandler(member, Options.Create(new HealthGradingRules())).HandleAsync(data.CompanyId, s_november, CancellationToken.None));
        });

    [PostgresFact]
    public async Task Build_OnPostgres_SameFactsAsSqlite()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var db = database.CreateSystemContext();
        await db.Database.MigrateAsync();
        await RunScenarioAsync(db);
    }

    [Fact]
    public async Task Build_OnSqlite_MixedScenario()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var db = database.CreateSystemContext();
        await db.Database.MigrateAsync();
        await RunScenarioAsync(db);
    }

    private static async Task RunScenarioAsync(AppDbContext db)
    {
        var op = new Mamori.Web.Features.Operators.OperatorOrganisation { Name = "テスト機構" };
        db.Operators.Add(op);
        await db.SaveChangesAsync();
        var data = await HealthReportTestData.CreateCompanyAsync(db, op.Id, "株式会社テスト");
        data.AddDailyCounters(data.SensorA, 2026, 11, Enumerable.Range(1, 20), traffic: 300, security: 2, devices: 7);
        data.AddDailyCounters(data.SensorA, 2026, 12, [1], traffic: 300, security: 2, devices: 70);
        data.AddAlert(AlertType.BannedSoftware, Nov(11));
        data.AddAlert(AlertType.SynFlood, Nov(12));
        data.AddAlert(AlertType.SynFlood, Nov(1, 0).AddMinutes(-30)); // 31 Oct 23:30 JST, last seen 23:35: October
        data.AddIncident(AlertType.SynFlood, AlertSeverity.Medium, IncidentState.Investigating, Nov(12));
        await data.SaveAsync();

        var facts = await BuildAsync(db, data.CompanyId);

        Assert.Equal(HealthGrade.C, facts.Grade);
        Assert.Equal(20, facts.Grading.MonitoredDays);
        Assert.Equal(6_000, facts.TrafficEvents);
        Assert.Equal(7, facts.DevicesAnalysed);
        Assert.Equal(1, facts.Item(HealthReportItem.SuspiciousExternalActions).Count);
        Assert.Equal(1, facts.Item(HealthReportItem.BannedSoftware).Count);
        Assert.Equal(IncidentState.Investigating, Assert.Single(facts.Incidents).StateAtMonthEnd);
        var json = facts.ToJson();
        Assert.Equal(json, HealthReportFacts.FromJson(json).ToJson());
    }

    private static async Task<HealthReportFacts> BuildAsync(AppDbContext db, int companyId) =>
        await new BuildHealthReportFactsHandler(db, Options.Create(new HealthGradingRules())).HandleAsync(companyId, s_november, CancellationToken.None)
            ?? throw new InvalidOperationException("no facts");

    private static Task WithCompanyAsync(Func<AppDbContext, HealthReportTestData, Task> test) => WithCompanyAsync((_, db, data) => test(db, data));

    private static async Task WithCompanyAsync(Func<TestDatabase, AppDbContext, HealthReportTestData, Task> test)
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var db = database.CreateSystemContext();
        await db.Database.MigrateAsync();
        var op = new Mamori.Web.Features.Operators.OperatorOrganisation { Name = "テスト機構" };
        db.Operators.Add(op);
        await db.SaveChangesAsync();
        var data = await HealthReportTestData.CreateCompanyAsync(db, op.Id, "株式会社テスト");
        await test(database, db, data);
    }
}
