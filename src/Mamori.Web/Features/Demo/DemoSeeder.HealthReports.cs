using Mamori.Sensor.Detection;
using Mamori.Web.Features.HealthReports;
using Mamori.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Demo;

/// <summary>
/// Monthly health reports for August to October 2026 for every member company, with grades
/// from A to D and one month not graded. Only the facts and the grade are stored: printing dozens
/// of PDFs here would make seeding (part of many tests) slow, so each PDF is printed on its first
/// download. The facts follow fixed patterns per company, and the grade comes from the real
/// grading function, so they always agree.
/// </summary>
public sealed partial class DemoSeeder
{
    private static readonly DateOnly[] s_reportMonths = [new(2026, 8, 1), new(2026, 9, 1), new(2026, 10, 1)];

    private async Task SeedHealthReportsAsync(int operatorId, CancellationToken cancellationToken)
    {
        var companies = await _db.Companies.Where(c => c.OperatorId == operatorId).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.Industry, c.PcCount }).ToListAsync(cancellationToken);
        var rules = new HealthGradingRules();
        for (var i = 0; i < companies.Count; i++)
        {
            var c = companies[i];
            var history = new List<HealthReportHistoryPoint>();
            for (var m = 0; m < s_reportMonths.Length; m++)
            {
                var month = s_reportMonths[m];
                var days = DateTime.DaysInMonth(month.Year, month.Month);
                var incidents = new List<HealthReportIncident>();
                var monitored = i % 7 == 6 && m == 0 ? 4 : days - (i % 3);
                var traffic = i % 5 == 0 && m == 2 ? 1 : 0;
                var external = i % 3 == 0 ? 1 + (m % 2) : 0;
                var transfer = i % 11 == 4 && m == 1 ? 1 : 0;
                var plaintext = i % 4 == 1 ? 2 : 0;
                var privileged = i % 5 == 2 && m != 1 ? 1 : 0;
                var banned = i % 6 == 3 && m > 0 ? 1 : 0;
                var grading = new MonthFacts
                {
                    MonitoredDays = monitored,
                    PlaintextPasswordFindings = plaintext,
                    PrivilegedAccountFindings = privileged,
                    BannedSoftwareFindings = banned,
                };
                if (traffic > 0)
                {
                    // October: a PC contacted a known C&C server; still being handled at month end → D.
                    incidents.Add(new(0, "既知のC&Cサーバーへの通信", AlertSeverity.High, IncidentState.Notified, Day(month, 21), HealthReportItem.SuspiciousTraffic));
                    grading = grading with { OpenHighIncidents = 1 };
                }

                if (transfer > 0)
                {
                    // September: a download-and-run program, dealt with within the month → C.
                    incidents.Add(new(0, "不審なプログラムの取得と実行", AlertSeverity.High, IncidentState.Resolved, Day(month, 9), HealthReportItem.SuspiciousFileTransfer));
                    grading = grading with { ResolvedHighIncidents = 1 };
                }

                if (external > 0 && m == 2 && i % 2 == 0)
                {
                    incidents.Add(new(0, "リモート接続へのパスワード総当たり", AlertSeverity.Medium, IncidentState.Resolved, Day(month, 14), HealthReportItem.SuspiciousExternalActions));
                    grading = grading with { ResolvedMediumIncidents = 1 };
                }

                var assessment = HealthGrading.Assess(grading, rules);
                var items = new[] { traffic, external, transfer, plaintext, privileged, banned }
                    .Select((count, k) => new HealthReportItemFinding(HealthReportItems.All[k], count)).ToList();
                var threats = traffic + external + transfer;
                var undesirable = plaintext + privileged + banned;
                var securityEvents = (long)(c.PcCount * 4 + (threats * 37) + (undesirable * 11)) * monitored / days;
                history.Add(new HealthReportHistoryPoint(month, assessment.Grade, threats, undesirable, securityEvents));
                var facts = new HealthReportFacts
                {
                    CompanyId = c.Id,
                    CompanyName = c.Name,
                    Industry = c.Industry,
                    Month = month,
                    Grade = assessment.Grade,
                    Reasons = assessment.Reasons,
                    Grading = grading,
                    DevicesAnalysed = Math.Min(c.PcCount, 40) + 2,
                    SecurityEvents = securityEvents,
                    TrafficEvents = (long)c.PcCount * 1_850 * monitored,
                    Threats = threats,
                    UndesirableOperations = undesirable,
                    Items = items,
                    Incidents = incidents,
                    History = [.. history.TakeLast(6)],
                };
                _db.Set<HealthReport>().Add(new HealthReport
                {
                    OperatorId = operatorId,
                    CompanyId = c.Id,
                    Month = month,
                    Grade = assessment.Grade,
                    FactsJson = facts.ToJson(),
                    GeneratedAt = Day(month.AddMonths(1), 1),
                });
            }
        }

        await _db.SaveChangesAsync(cancellationToken);
    }

    // 09:00 Japan time on a day of the month, stored in UTC.
    private static DateTimeOffset Day(DateOnly month, int day) =>
        new DateTimeOffset(month.Year, month.Month, day, 9, 0, 0, TimeSpan.FromHours(9)).ToUniversalTime();
}
