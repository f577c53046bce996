using System.Globalization;
using CsvHelper;
using Mamori.Web.Data;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.HealthReports;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Analytics;

public sealed record IndustryAlerts(Industry Industry, int Companies, int Alerts, int Pcs)
{
    /// <summary>図4.1-2: alerts per PC; null when the industry's companies declared no PCs.</summary>
    public double? AlertsPerPc => Pcs == 0 ? null : (double)Alerts / Pcs;
}

public sealed record CompanyAlerts(int CompanyId, string Name, Industry Industry, int Pcs, int Alerts);

/// <summary>Seed 003 図4.1-1 to 4.1-3 for a period (Japan dates, both inclusive).</summary>
public sealed record ProgrammeAnalytics(DateOnly From, DateOnly To, IReadOnlyList<IndustryAlerts> ByIndustry, IReadOnlyList<CompanyAlerts> ByCompany)
{
    public int TotalAlerts => ByCompany.Sum(c => c.Alerts);
}

/// <summary>
/// Counts the alerts the sensors raised (every alert, whatever analysts later made of it, as the
/// pilot counted its 3,539) by the day they were first seen, per company of the operator, with the
/// company's declared PC count.
/// </summary>
public sealed class BuildProgrammeAnalyticsHandler(AppDbContext db)
{
    public async Task<ProgrammeAnalytics> HandleAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = HealthReportMonth.MidnightInJapan(from);
        var end = HealthReportMonth.MidnightInJapan(to.AddDays(1));
        var companies = await db.Companies.AsNoTracking()
            .Select(c => new { c.Id, c.Name, c.Industry, c.PcCount })
            .ToListAsync(cancellationToken);

        Dictionary<int, int> counts;
        if (db.Database.IsSqlite())
        {
            // SQLite cannot compare DateTimeOffset in SQL: read the two columns and count here.
            var seen = await db.SecurityAlerts.AsNoTracking().Select(a => new { a.CompanyId, a.FirstSeen }).ToListAsync(cancellationToken);
            counts = seen.Where(a => a.FirstSeen >= start && a.FirstSeen < end).GroupBy(a => a.CompanyId).ToDictionary(g => g.Key, g => g.Count());
        }
        else
        {
            counts = await db.SecurityAlerts.AsNoTracking()
                .Where(a => a.FirstSeen >= start && a.FirstSeen < end)
                .GroupBy(a => a.CompanyId)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        }

        var byCompany = companies
            .Select(c => new CompanyAlerts(c.Id, c.Name, c.Industry, c.PcCount, counts.GetValueOrDefault(c.Id)))
            .OrderByDescending(c => c.Alerts).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        var byIndustry = Enum.GetValues<Industry>()
            .Select(i =>
            {
                var of = byCompany.Where(c => c.Industry == i).ToList();
                return new IndustryAlerts(i, of.Count, of.Sum(c => c.Alerts), of.Sum(c => c.Pcs));
            })
            .Where(i => i.Companies > 0)
            .ToList();
        return new ProgrammeAnalytics(from, to, byIndustry, byCompany);
    }

    /// <summary>The three tables as one CSV (section, name, industry, companies, PCs, alerts, per PC).</summary>
    public static string ToCsv(ProgrammeAnalytics analytics, Func<string, string> label)
    {
        ArgumentNullException.ThrowIfNull(analytics);
        ArgumentNullException.ThrowIfNull(label);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(writer, null, leaveOpen: true))
        {
            foreach (var header in new[] { "Analytics.Section", "Analytics.Name", "Analytics.Industry", "Analytics.Companies", "Analytics.Pcs", "Analytics.Alerts", "Analytics.AlertsPerPc", "Analytics.Period" })
            {
                csv.WriteField(label(header));
            }

            csv.EndRecord();
            var period = analytics.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/" + analytics.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var i in analytics.ByIndustry)
            {
                var industry = label("Industry." + i.Industry);
                Row(csv, label("Analytics.ByIndustry"), industry, industry, i.Companies, i.Pcs, i.Alerts, i.AlertsPerPc, period);
            }

            foreach (var c in analytics.ByCompany)
            {
                Row(csv, label("Analytics.ByCompany"), c.Name, label("Industry." + c.Industry), 1, c.Pcs, c.Alerts, c.Pcs == 0 ? null : (double)c.Alerts / c.Pcs, period);
            }
        }

        return writer.ToString();
    }

    private static void Row(CsvWriter csv, string section, string name, string industry, int companies, int pcs, int alerts, double? perPc, string period)
    {
        csv.WriteField(section);
        csv.WriteField(name);
        csv.WriteField(industry);
        csv.WriteField(companies);
        csv.WriteField(pcs);
        csv.WriteField(alerts);
        csv.WriteField(perPc?.ToString("0.00", CultureInfo.InvariantCulture) ?? "");
        csv.WriteField(period);
        csv.EndRecord();
    }
}
