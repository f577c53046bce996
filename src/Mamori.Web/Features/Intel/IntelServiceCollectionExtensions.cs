using Mamori.Web.Features.Intel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class IntelServiceCollectionExtensions
{
    /// <summary>Server-side retro-hunt over stored summaries: the analysts' page and the feed watcher.</summary>
    public static IServiceCollection AddIntelFeature(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RetroHuntOptions>().BindConfiguration(RetroHuntOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(IntelFeedState.HttpClientName, (sp, client) =>
        {
            client.Timeout = sp.GetRequiredService<IOptions<RetroHuntOptions>>().Value.FetchTimeout;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Mamori-Server/1.0 (+retro-hunt)");
        });
        services.AddSingleton(sp => new IntelFeedState(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(IntelFeedState.HttpClientName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<RetroHuntOptions>>()));
        services.AddScoped<HuntStoredTrafficHandler>();
        services.AddScoped<HuntNewIndicatorsHandler>();

        if (configuration.GetValue(RetroHuntOptions.SectionName + ":Enabled", true))
        {
            services.AddHostedService<IntelFeedWorker>();
        }

        return services;
    }
}
