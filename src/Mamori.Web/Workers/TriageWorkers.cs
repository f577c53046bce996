using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Notices;
using Mamori.Web.Features.Triage;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Workers;

/// <summary>
/// Runs one installation-wide job on a <see cref="PeriodicTimer"/> (<see cref="TriageOptions.WorkerInterval"/>)
/// in a fresh scope acting as the system tenant. The job is a handler tests call directly.
/// </summary>
public abstract partial class TriagePeriodicWorker(IServiceScopeFactory scopes, IOptions<TriageOptions> options, ILogger logger) : BackgroundService
{
    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WorkerInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, GetType().Name, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} tick failed")]
    private static partial void LogFailed(ILogger logger, string worker, Exception ex);
}

/// <summary>Resolves devices, applies suppression rules and links new alerts to open incidents.</summary>
public sealed class AlertTriageWorker(IServiceScopeFactory scopes, IOptions<TriageOptions> options, ILogger<AlertTriageWorker> logger)
    : TriagePeriodicWorker(scopes, options, logger)
{
    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<TriageNewAlertsHandler>().HandleAsync(cancellationToken);
}

/// <summary>Mails published notices and retries failed ones.</summary>
public sealed class NoticeDeliveryWorker(IServiceScopeFactory scopes, IOptions<TriageOptions> options, ILogger<NoticeDeliveryWorker> logger)
    : TriagePeriodicWorker(scopes, options, logger)
{
    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<DeliverNoticesHandler>().HandleAsync(cancellationToken);
}

/// <summary>Escalates unacknowledged high-severity notices to the operator.</summary>
public sealed class NoticeEscalationWorker(IServiceScopeFactory scopes, IOptions<TriageOptions> options, ILogger<NoticeEscalationWorker> logger)
    : TriagePeriodicWorker(scopes, options, logger)
{
    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<EscalateNoticesHandler>().HandleAsync(cancellationToken);
}

/// <summary>Writes last week's advice digests (once per company and week).</summary>
public sealed class WeeklyDigestWorker(IServiceScopeFactory scopes, IOptions<TriageOptions> options, ILogger<WeeklyDigestWorker> logger)
    : TriagePeriodicWorker(scopes, options, logger)
{
    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<BuildWeeklyDigestsHandler>().HandleAsync(cancellationToken);
}
