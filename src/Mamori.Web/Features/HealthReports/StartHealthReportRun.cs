using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.HealthReports;

/// <summary>
/// Creates a generation run with one pending item per company (every company of the operator, or
/// one). The worker does the work, so the request returns at once and a crash loses nothing.
/// </summary>
public sealed class StartHealthReportRunHandler(AppDbContext db, TimeProvider time, HealthReportSignal signal)
{
    public async Task<HealthReportRun> HandleAsync(int operatorId, DateOnly month, int? companyId, HealthReportTrigger trigger, string requestedBy, CancellationToken cancellationToken)
    {
        var companies = await db.Companies
            .Where(c => c.OperatorId == operatorId && (companyId == null || c.Id == companyId))
            .OrderBy(c => c.Id)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        if (companyId is not null && companies.Count == 0)
        {
            throw new HealthReportException("The company was not found.");
        }

        var run = new HealthReportRun
        {
            OperatorId = operatorId,
            Month = HealthReportMonth.FirstDay(month),
            Trigger = trigger,
            RequestedBy = requestedBy,
            CreatedAt = time.GetUtcNow(),
        };
        run.Items.AddRange(companies.Select(id => new HealthReportRunItem { OperatorId = operatorId, CompanyId = id, State = HealthReportItemState.Pending }));
        if (companies.Count == 0)
        {
            run.FinishedAt = run.CreatedAt;
        }

        db.Set<HealthReportRun>().Add(run);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return run;
    }
}

/// <summary>Wakes the worker when an operator starts a run, instead of waiting for its next poll.</summary>
public sealed class HealthReportSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one wake-up is enough.
            }
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _wake.WaitAsync(cancellationToken);

    public void Dispose() => _wake.Dispose();
}
