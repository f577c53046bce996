using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Devices;

/// <summary>
/// Folds the sensors' device sightings into the inventory every <see cref="DeviceInventoryOptions.PollInterval"/>,
/// in batches of <see cref="DeviceInventoryOptions.BatchSize"/>; the work itself is
/// <see cref="ProcessDeviceObservationsHandler"/>, which tests call directly.
/// </summary>
public sealed partial class DeviceObservationWorker(
    IServiceScopeFactory scopes,
    IOptions<DeviceInventoryOptions> options,
    TimeProvider time,
    ILogger<DeviceObservationWorker> logger) : BackgroundService
{
    /// <summary>Batches per tick at most, so a backlog cannot hold one scope for long.</summary>
    private const int MaxBatchesPerTick = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; the message names no device or address.
                LogTickFailed(ex.GetType().Name);
            }
        }
    }

    /// <summary>One tick: batches until the queue is empty or <see cref="MaxBatchesPerTick"/> ran.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        for (var i = 0; i < MaxBatchesPerTick; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
            var result = await scope.ServiceProvider.GetRequiredService<ProcessDeviceObservationsHandler>()
                .HandleAsync(options.Value.BatchSize, cancellationToken);
            var count = result.Processed + result.Failed;
            total += count;
            if (count > 0)
            {
                LogBatch(result.Processed, result.Failed, result.DevicesCreated);
            }

            if (count < options.Value.BatchSize)
            {
                break;
            }
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Device observations: {Processed} folded in, {Failed} not usable, {Created} new devices")]
    private partial void LogBatch(int processed, int failed, int created);

    [LoggerMessage(Level = LogLevel.Error, Message = "Device observation worker tick failed ({Exception})")]
    private partial void LogTickFailed(string exception);
}
