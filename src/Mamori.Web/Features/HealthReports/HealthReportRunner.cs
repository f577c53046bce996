using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.HealthReports;

/// <summary>
/// The worker's per-tick logic, callable from tests: start the monthly run when it is due, then
/// work through every pending item of every run, a few companies at a time. Each item is written
/// with its report in one transaction, so after a crash an item is either done (report stored
/// once) or still pending (nothing stored) and the next tick continues it; one company's failure
/// is recorded on its item and the run goes on.
/// </summary>
public sealed partial class HealthReportRunner(
    IServiceScopeFactory scopes,
    IOptions<HealthReportOptions> options,
    TimeProvider time,
    ILogger<HealthReportRunner> logger)
{
    /// <summary>Starts the scheduled run for the previous month when due; returns the runs started.</summary>
    public async Task<int> ScheduleDueRunsAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ScheduleEnabled)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        if (now.ToOffset(HealthReportMonth.JapanOffset).Day > options.Value.CatchUpDays)
        {
            return 0;
        }

        var month = HealthReportMonth.PreviousMonth(now);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var scheduled = await db.Set<HealthReportRun>()
            .Where(r => r.Month == month && r.Trigger == HealthReportTrigger.Scheduled)
            .Select(r => r.OperatorId)
            .ToListAsync(cancellationToken);
        var due = await db.Operators.Select(o => o.Id).Where(id => !scheduled.Contains(id)).ToListAsync(cancellationToken);
        var start = scope.ServiceProvider.GetRequiredService<StartHealthReportRunHandler>();
        foreach (var operatorId in due)
        {
            await start.HandleAsync(operatorId, month, null, HealthReportTrigger.Scheduled, "schedule", cancellationToken);
            LogScheduled(operatorId, month);
        }

        return due.Count;
    }

    /// <summary>Processes every pending item; returns how many items were handled (done or failed).</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        List<int> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            pending = await db.Set<HealthReportRunItem>()
                .Where(i => i.State == HealthReportItemState.Pending)
                .OrderBy(i => i.RunId).ThenBy(i => i.Id)
                .Select(i => i.Id)
                .ToListAsync(cancellationToken);
        }

        await Parallel.ForEachAsync(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (itemId, ct) => await ProcessItemAsync(itemId, ct));

        await FinishRunsAsync(cancellationToken);
        return pending.Count;
    }

    private async Task ProcessItemAsync(int itemId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var item = await db.Set<HealthReportRunItem>().FirstOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        if (item is not { State: HealthReportItemState.Pending })
        {
            return;
        }

        var month = await db.Set<HealthReportRun>().Where(r => r.Id == item.RunId).Select(r => r.Month).SingleAsync(cancellationToken);
        var generator = scope.ServiceProvider.GetRequiredService<GenerateHealthReportHandler>();
        try
        {
            var (facts, pdf) = await generator.PrepareAsync(item.CompanyId, month, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var report = await generator.SaveAsync(item.OperatorId, facts, pdf, cancellationToken);
            item.State = HealthReportItemState.Done;
            item.Attempts++;
            item.Error = null;
            item.ReportId = report.Id;
            item.FinishedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(ex, item.CompanyId, month);
            db.ChangeTracker.Clear();
            var failed = await db.Set<HealthReportRunItem>().SingleAsync(i => i.Id == itemId, cancellationToken);
            failed.State = HealthReportItemState.Failed;
            failed.Attempts++;
            failed.Error = Truncate(ex is HealthReportException or Infrastructure.Documents.PdfRenderException ? ex.Message : ex.GetType().Name + ": " + ex.Message);
            failed.FinishedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task FinishRunsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var open = await db.Set<HealthReportRun>()
            .Where(r => r.FinishedAt == null && !r.Items.Any(i => i.State == HealthReportItemState.Pending))
            .ToListAsync(cancellationToken);
        foreach (var run in open)
        {
            run.FinishedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string message) => message.Length <= 500 ? message : message[..497] + "...";

    [LoggerMessage(Level = LogLevel.Information, Message = "Monthly health reports for {Month} scheduled for operator {OperatorId}")]
    private partial void LogScheduled(int operatorId, DateOnly month);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health report for company {CompanyId}, {Month} failed")]
    private partial void LogFailed(Exception exception, int companyId, DateOnly month);
}
