using Mamori.Web.Features.Home;

namespace Microsoft.Extensions.DependencyInjection;

public static class HomeServiceCollectionExtensions
{
    public static IServiceCollection AddHomeFeature(this IServiceCollection services)
    {
        services.AddScoped<GetProgrammeSummaryHandler>();
        return services;
    }
}
