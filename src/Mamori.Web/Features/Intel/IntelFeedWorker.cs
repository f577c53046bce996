using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Intel;

/// <summary>
/// Checks every <see cref="RetroHuntOptions.CheckInterval"/> which operator feeds are due, refreshes
/// them and hunts for what they added (<see cref="HuntNewIndicatorsHandler"/>). A failed pass is
/// logged and the next one tries again; it never stops the server.
/// </summary>
public sealed partial class IntelFeedWorker(IServiceScopeFactory scopes, IOptions<RetroHuntOptions> options, ILogger<IntelFeedWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass waits one interval, so the database is migrated (and the demo seeded) first.
        using var timer = new PeriodicTimer(options.Value.CheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
                var runs = await scope.ServiceProvider.GetRequiredService<HuntNewIndicatorsHandler>().HandleAsync(stoppingToken);
                foreach (var run in runs)
                {
                    if (run.Succeeded)
                    {
                        LogRun(logger, run.Source, run.Indicators, run.Added, run.Hits, run.AlertsRaised);
                    }
                    else
                    {
                        LogFeedFailed(logger, run.Source, run.Error);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Intel feed {Source}: {Indicators} indicators, {Added} new; retro-hunt found {Hits} and raised {Alerts} alert(s)")]
    private static partial void LogRun(ILogger logger, string source, int indicators, int added, int hits, int alerts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intel feed {Source} not refreshed: {Error}")]
    private static partial void LogFeedFailed(ILogger logger, string source, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Intel feed pass failed")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
