using Mamori.Web.Features.Retention;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>Retention of the append-only data sensors ship: limits checked at start-up, the daily pruning worker.</summary>
    public static IServiceCollection AddRetentionFeature(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<PruneSensorDataHandler>();
        services.AddHostedService<RetentionWorker>();
        return services;
    }
}
