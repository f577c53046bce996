using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Retention;

/// <summary>
/// Runs <see cref="PruneSensorDataHandler"/> as the system tenant <see cref="RetentionOptions.FirstRunDelay"/>
/// after the server has started (migrations and demo seeding done), then every
/// <see cref="RetentionOptions.Interval"/>. A failed round is logged and the next one tries again.
/// </summary>
public sealed partial class RetentionWorker(
    IServiceScopeFactory scopes,
    IOptions<RetentionOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }

        try
        {
            await WaitForStartAsync(stoppingToken);
            await Task.Delay(options.Value.FirstRunDelay, time, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.Interval, time);
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One round; never throws except for cancellation. Returns null when the round failed.</summary>
    public async Task<PrunedCounts?> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
            var counts = await scope.ServiceProvider.GetRequiredService<PruneSensorDataHandler>()
                .HandleAsync(time.GetUtcNow(), cancellationToken);
            LogRound(counts.Heartbeats, counts.BatchRecords, counts.NameSummaries, counts.FlowSummaries, counts.DeviceObservations);
            return counts;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Only the type: a database error's message can quote row values.
            LogRoundFailed(ex.GetType().Name);
            return null;
        }
    }

    private async Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Heartbeats} heartbeats, {BatchRecords} batch records, {NameSummaries} name summaries, {FlowSummaries} flow summaries, {DeviceObservations} processed device observations")]
    private partial void LogRound(int heartbeats, int batchRecords, int nameSummaries, int flowSummaries, int deviceObservations);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention round failed ({Exception}); the next round tries again")]
    private partial void LogRoundFailed(string exception);
}
