using System.Globalization;
using System.Threading.RateLimiting;
using Mamori.Sensor.Shipping;
using Mamori.Web.Features.Ingest;
using Mamori.Web.Features.Sensors;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Sensors: enrolment, the versioned ingest API with its per-sensor rate limit and
    /// OpenAPI document, the batch pipeline (in-process, or RabbitMQ when <c>Mamori:Ingest:RabbitMq:Uri</c>
    /// is set) and the operator's sensor pages.
    /// </summary>
    public static IServiceCollection AddSensorsFeature(this IServiceCollection services)
    {
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName)
            .Validate(o => o.SilentAfterHours > 0 && o.RateLimit.PermitsPerMinute > 0 && o.RateLimit.Burst > 0 && o.RateLimit.EnrollPermitsPerMinute > 0,
                "Mamori:Ingest: SilentAfterHours and the rate limits must be positive.")
            .ValidateOnStart();

        services.AddScoped<EnrollSensorHandler>();
        services.AddScoped<AuthenticateSensorHandler>();
        services.AddScoped<RotateSensorCredentialHandler>();
        services.AddScoped<StoreBatchHandler>();
        services.AddScoped<GetSensorConfigurationHandler>();
        services.AddScoped<InProcessBatchPipeline>();
        services.AddScoped<RabbitMqBatchPipeline>();
        services.AddScoped<IBatchPipeline>(sp => sp.GetRequiredService<IOptions<IngestOptions>>().Value.RabbitMq.Enabled
            ? sp.GetRequiredService<RabbitMqBatchPipeline>()
            : sp.GetRequiredService<InProcessBatchPipeline>());
        services.AddSingleton<RabbitMqBroker>();
        services.AddHostedService<RabbitMqBatchWorker>();

        services.AddScoped<ListSensorsHandler>();
        services.AddScoped<GetSensorDetailHandler>();
        services.AddScoped<ListSiteOptionsHandler>();
        services.AddScoped<CreateSensorHandler>();
        services.AddScoped<IssueEnrollmentCodeHandler>();
        services.AddScoped<RevokeSensorHandler>();
        services.AddScoped<RequireRotationHandler>();
        services.AddScoped<GetSensorSettingsHandler>();
        services.AddScoped<SaveSensorSettingsHandler>();

        services.AddMemoryCache();
        services.AddOpenApi();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 1;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await new SensorApiError(StatusCodes.Status429TooManyRequests, SensorApiErrors.RateLimited, $"Too many requests for this sensor; retry after {seconds} s.")
                    .ToResult().ExecuteAsync(context.HttpContext);
            };
            options.AddPolicy(SensorApiEndpoints.SensorPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<IngestOptions>>().Value.RateLimit;
                var key = SensorSecrets.RateLimitKeyOf(http.Request.Headers.Authorization) ?? "anonymous:" + http.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(limits.PermitsPerMinute / 60.0)),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.AddPolicy(SensorApiEndpoints.EnrollPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<IngestOptions>>().Value.RateLimit;
                return RateLimitPartition.GetFixedWindowLimiter("enroll:" + http.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.EnrollPermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }
}
