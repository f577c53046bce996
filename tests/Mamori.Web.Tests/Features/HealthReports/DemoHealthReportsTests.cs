using Mamori.Web.Features.HealthReports;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Features.HealthReports;

/// <summary>The demo's stored reports: three months per Tohoku company, every grade shown, no PDF until downloaded.</summary>
public sealed class DemoHealthReportsTests(SeededDatabaseFixture fixture) : IClassFixture<SeededDatabaseFixture>
{
    [Fact]
    public async Task Demo_ThreeMonthsPerCompany_VariedGradesAgreeWithGrading()
    {
        var reports = await fixture.Seeded.SystemQueryAsync(db => db.Set<HealthReport>().AsNoTracking().ToListAsync());
        var companies = await fixture.Seeded.SystemQueryAsync(db => db.Companies.Where(c => c.OperatorId == reports[0].OperatorId).CountAsync());

        Assert.Equal(companies * 3, reports.Count);
        Assert.All(reports, r => Assert.Null(r.Pdf));
        var grades = reports.Select(r => r.Grade).ToHashSet();
        Assert.Equal([HealthGrade.NotAssessed, HealthGrade.A, HealthGrade.B, HealthGrade.C, HealthGrade.D], grades.Order().ToList());
        foreach (var report in reports)
        {
            var facts = HealthReportFacts.FromJson(report.FactsJson);
            Assert.Equal(report.Grade, HealthGrading.Assess(facts.Grading, new HealthGradingRules()).Grade);
            Assert.Equal(report.Month, facts.History[^1].Month);
        }
    }
}
