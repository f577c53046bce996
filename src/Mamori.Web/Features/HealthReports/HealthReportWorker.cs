using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.HealthReports;

/// <summary>
/// The monthly report job: once the server has started (migrations done) it continues any
/// pending run, then every poll interval (or at once when an operator starts a run) starts the
/// month's run when due and works through pending items.
/// </summary>
internal sealed partial class HealthReportWorker(
    HealthReportRunner runner,
    HealthReportSignal signal,
    IOptions<HealthReportOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<HealthReportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WaitForStartAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.ScheduleDueRunsAsync(stoppingToken);
                await runner.ProcessPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogTickFailed(ex);
            }

            await WaitForNextTickAsync(stoppingToken);
        }
    }

    private async Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    private async Task WaitForNextTickAsync(CancellationToken stoppingToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(options.Value.PollInterval, time, either.Token);
        var wake = signal.WaitAsync(either.Token);
        await Task.WhenAny(delay, wake);
        await either.CancelAsync();
        try
        {
            await Task.WhenAll(delay, wake);
        }
        catch (OperationCanceledException)
        {
            // The other of the two was cancelled: expected.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Health report job tick failed; retrying at the next poll")]
    private partial void LogTickFailed(Exception exception);
}
