using System.Globalization;
using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.HealthReports.Pages;
using Mamori.Web.Features.Notices;
using Mamori.Web.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.HealthReports;

/// <summary>
/// Generates one company's report for one month: facts, grade, the Japanese PDF, the stored row
/// (replacing an earlier one for the same month) and, the first time, a notice to the company.
/// </summary>
public sealed class GenerateHealthReportHandler(
    AppDbContext db,
    BuildHealthReportFactsHandler builder,
    HealthReportPrinter printer,
    IStringLocalizerFactory localizers,
    TimeProvider time)
{
    private static readonly CultureInfo s_japanese = CultureInfo.GetCultureInfo("ja-JP");

    /// <summary>Builds and prints; nothing is written until <see cref="SaveAsync"/>.</summary>
    public async Task<(HealthReportFacts Facts, byte[] Pdf)> PrepareAsync(int companyId, DateOnly month, CancellationToken cancellationToken)
    {
        var facts = await builder.HandleAsync(companyId, month, cancellationToken)
            ?? throw new HealthReportException("The company was not found.");
        var pdf = await printer.PrintAsync(new HealthReportView(facts, null), s_japanese, cancellationToken);
        return (facts, pdf);
    }

    /// <summary>Stores the report (one row per company and month) and notifies the company once. Call inside the caller's transaction.</summary>
    public async Task<HealthReport> SaveAsync(int operatorId, HealthReportFacts facts, byte[]? pdf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var now = time.GetUtcNow();
        var report = await db.Set<HealthReport>().FirstOrDefaultAsync(r => r.CompanyId == facts.CompanyId && r.Month == facts.Month, cancellationToken);
        if (report is null)
        {
            report = new HealthReport { OperatorId = operatorId, CompanyId = facts.CompanyId, Month = facts.Month, FactsJson = "" };
            db.Set<HealthReport>().Add(report);
        }

        report.Grade = facts.Grade;
        report.FactsJson = facts.ToJson();
        report.Pdf = pdf;
        report.PdfCreatedAt = pdf is null ? null : now;
        report.GeneratedAt = now;

        if (report.NoticeId is null)
        {
            var notice = CreateNotice(operatorId, facts, now);
            db.Notices.Add(notice);
            await db.SaveChangesAsync(cancellationToken);
            report.NoticeId = notice.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    private Notice CreateNotice(int operatorId, HealthReportFacts facts, DateTimeOffset now)
    {
        var text = localizers.Create(typeof(HealthReportResource));
        string L(string key) => text.GetString(key).Value;
        var (saved, savedUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = s_japanese;
        CultureInfo.CurrentUICulture = s_japanese;
        try
        {
            var monthLabel = $"{facts.Month.Year}年{facts.Month.Month}月";
            var letter = facts.Grade == HealthGrade.NotAssessed ? "—" : facts.Grade.ToString();
            return new Notice
            {
                OperatorId = operatorId,
                CompanyId = facts.CompanyId,
                Kind = NoticeKind.HealthReport,
                Severity = facts.Grade switch { HealthGrade.D => AlertSeverity.High, HealthGrade.C => AlertSeverity.Medium, _ => AlertSeverity.Low },
                Language = "ja",
                Subject = string.Format(s_japanese, L("Notice.Subject"), monthLabel, letter),
                Body = string.Format(s_japanese, L("Notice.Body"), monthLabel, letter, L("HealthGrade." + facts.Grade), L(HealthReportAdvice.GradeExplanationKey(facts.Grade))),
                CreatedAt = now,
                SentAt = now,
                AuthorName = "Mamori",
                Delivery = NoticeDelivery.Queued,
                PeriodStart = facts.Month,
                PeriodEnd = facts.Month.AddMonths(1).AddDays(-1),
            };
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }
}

/// <summary>Prints the report partial to PDF: HTML rendered in-process, no scripts (the chart is SVG).</summary>
public sealed class HealthReportPrinter(HealthReportHtml html, IPdfRenderer pdf)
{
    public async Task<byte[]> PrintAsync(HealthReportView view, CultureInfo culture, CancellationToken cancellationToken)
    {
        var document = await html.RenderDocumentAsync(view, culture, cancellationToken);
        return await pdf.RenderHtmlAsync(document, PdfPageSettings.A4 with { JavaScript = false, Locale = culture.Name }, cancellationToken);
    }
}

/// <summary>A report could not be made; the message is for the operator's progress view.</summary>
public sealed class HealthReportException : Exception
{
    public HealthReportException()
    {
    }

    public HealthReportException(string message)
        : base(message)
    {
    }

    public HealthReportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
