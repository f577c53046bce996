using System.Globalization;
using CsvHelper;
using Mamori.Web.Data;
using Mamori.Web.Features.Dispatch;
using Mamori.Web.Features.HelpDesk.BusinessHours;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.HelpDesk;

/// <summary>
/// Seed 003 表3.3.2-5: inquiries by category and visits by kind for a period (dates in Japan
/// time, both inclusive), on a page and as CSV.
/// </summary>
public sealed record HelpDeskReport(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<(InquiryCategory Category, int Count)> Inquiries,
    IReadOnlyList<(VisitKind Kind, int Count)> Visits)
{
    public int InquiryTotal => Inquiries.Sum(i => i.Count);

    public int VisitTotal => Visits.Sum(v => v.Count);
}

public sealed class BuildHelpDeskReportHandler(AppDbContext db)
{
    public async Task<HelpDeskReport> HandleAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        // DateTimeOffset comparisons do not translate on SQLite; a period's rows are few, so the
        // dates are compared here.
        var received = await db.Inquiries.AsNoTracking().Select(i => new { i.Category, i.ReceivedAt }).ToListAsync(cancellationToken);
        var visits = await db.Visits.AsNoTracking().Select(v => new { v.Kind, v.StartedAt }).ToListAsync(cancellationToken);
        bool InPeriod(DateTimeOffset at)
        {
            var day = DateOnly.FromDateTime(at.ToOffset(BusinessHoursClock.JapanOffset).DateTime);
            return day >= from && day <= to;
        }

        return new HelpDeskReport(
            from,
            to,
            Enum.GetValues<InquiryCategory>().Select(c => (c, received.Count(i => i.Category == c && InPeriod(i.ReceivedAt)))).ToList(),
            Enum.GetValues<VisitKind>().Select(k => (k, visits.Count(v => v.Kind == k && InPeriod(v.StartedAt)))).ToList());
    }

    /// <summary>The report as CSV: one row per line of the table, with a header and totals.</summary>
    public static string ToCsv(HelpDeskReport report, Func<string, string> label)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(label);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(writer, null, leaveOpen: true))
        {
            foreach (var header in new[] { label("Report.Csv.Section"), label("Report.Csv.Kind"), label("Report.Csv.Count"), label("Report.Csv.Period") })
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            var period = report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/" + report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var (category, count) in report.Inquiries)
            {
                WriteRow(csv, label("Report.Inquiries"), label("InquiryCategory." + category), count, period);
            }

            WriteRow(csv, label("Report.Inquiries"), label("Report.Total"), report.InquiryTotal, period);
            foreach (var (kind, count) in report.Visits)
            {
                WriteRow(csv, label("Report.Visits"), label("VisitKind." + kind), count, period);
            }

            WriteRow(csv, label("Report.Visits"), label("Report.Total"), report.VisitTotal, period);
        }

        return writer.ToString();
    }

    private static void WriteRow(CsvWriter csv, string section, string kind, int count, string period)
    {
        csv.WriteField(section);
        csv.WriteField(kind);
        csv.WriteField(count.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(period);
        csv.EndRecord();
    }
}
