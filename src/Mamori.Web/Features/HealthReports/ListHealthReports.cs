using System.Globalization;
using Mamori.Web.Data;
using Mamori.Web.Features.HealthReports.Pages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.HealthReports;

public sealed record HealthReportListRow(int Id, int CompanyId, string CompanyName, DateOnly Month, HealthGrade Grade, bool HasPdf);

/// <summary>Reports the current user may see (the tenant filters decide: a member sees its own company's only), newest first.</summary>
public sealed class ListHealthReportsHandler(AppDbContext db)
{
    public async Task<IReadOnlyList<HealthReportListRow>> HandleAsync(DateOnly? month, int? companyId, CancellationToken cancellationToken)
    {
        var query = db.Set<HealthReport>().AsNoTracking();
        if (month is { } m)
        {
            query = query.Where(r => r.Month == m);
        }

        if (companyId is { } c)
        {
            query = query.Where(r => r.CompanyId == c);
        }

        return await query
            .Join(db.Companies, r => r.CompanyId, c => c.Id, (r, c) => new { r, c.Name })
            .OrderByDescending(x => x.r.Month).ThenBy(x => x.Name)
            .Take(500)
            .Select(x => new HealthReportListRow(x.r.Id, x.r.CompanyId, x.Name, x.r.Month, x.r.Grade, x.r.Pdf != null))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>One report for the web view, and its PDF (printed on first download when it was stored without one).</summary>
public sealed class GetHealthReportHandler(AppDbContext db, HealthReportPrinter printer, TimeProvider time)
{
    public async Task<HealthReportView?> HandleAsync(int id, CancellationToken cancellationToken)
    {
        var row = await db.Set<HealthReport>().AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new { r.Id, r.FactsJson })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new HealthReportView(HealthReportFacts.FromJson(row.FactsJson), row.Id);
    }

    /// <returns>The PDF and the month, or null when the report is not visible to the current user.</returns>
    public async Task<(byte[] Pdf, DateOnly Month)?> PdfAsync(int id, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var report = await db.Set<HealthReport>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return null;
        }

        var japanese = culture.TwoLetterISOLanguageName == "ja";
        if (japanese && report.Pdf is not null)
        {
            return (report.Pdf, report.Month);
        }

        // The stored PDF is the Japanese one sent to the company; English is printed on request.
        var pdf = await printer.PrintAsync(new HealthReportView(HealthReportFacts.FromJson(report.FactsJson), report.Id), culture, cancellationToken);
        if (japanese)
        {
            report.Pdf = pdf;
            report.PdfCreatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return (pdf, report.Month);
    }
}

public sealed record RunProgressFailure(int CompanyId, string CompanyName, string? Error);

public sealed record RunProgress(int RunId, DateOnly Month, HealthReportTrigger Trigger, string RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt,
    int Total, int Done, int Failed, int Pending, IReadOnlyList<RunProgressFailure> Failures)
{
    public bool IsFinished => Pending == 0;
}

/// <summary>The operator's progress view of a run (n of N, failures with reasons), and retrying failed items.</summary>
public sealed class GetRunProgressHandler(AppDbContext db, HealthReportSignal signal)
{
    public async Task<RunProgress?> HandleAsync(int runId, CancellationToken cancellationToken)
    {
        var run = await db.Set<HealthReportRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var items = await db.Set<HealthReportRunItem>().AsNoTracking()
            .Where(i => i.RunId == runId)
            .Join(db.Companies, i => i.CompanyId, c => c.Id, (i, c) => new { i.CompanyId, c.Name, i.State, i.Error })
            .ToListAsync(cancellationToken);
        return new RunProgress(run.Id, run.Month, run.Trigger, run.RequestedBy, run.CreatedAt, run.FinishedAt,
            items.Count,
            items.Count(i => i.State == HealthReportItemState.Done),
            items.Count(i => i.State == HealthReportItemState.Failed),
            items.Count(i => i.State == HealthReportItemState.Pending),
            items.Where(i => i.State == HealthReportItemState.Failed).OrderBy(i => i.Name).Select(i => new RunProgressFailure(i.CompanyId, i.Name, i.Error)).ToList());
    }

    public async Task<IReadOnlyList<RunProgress>> RecentAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Set<HealthReportRun>().AsNoTracking().OrderByDescending(r => r.Id).Take(10).Select(r => r.Id).ToListAsync(cancellationToken);
        var list = new List<RunProgress>();
        foreach (var id in ids)
        {
            if (await HandleAsync(id, cancellationToken) is { } p)
            {
                list.Add(p);
            }
        }

        return list;
    }

    /// <summary>Puts the run's failed items back to pending and reopens it.</summary>
    public async Task<bool> RetryFailedAsync(int runId, CancellationToken cancellationToken)
    {
        var run = await db.Set<HealthReportRun>().Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return false;
        }

        foreach (var item in run.Items.Where(i => i.State == HealthReportItemState.Failed))
        {
            item.State = HealthReportItemState.Pending;
            item.Error = null;
            run.FinishedAt = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return true;
    }

    public static string MonthLabel(DateOnly month, bool japanese) =>
        japanese ? $"{month.Year}年{month.Month}月" : month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
