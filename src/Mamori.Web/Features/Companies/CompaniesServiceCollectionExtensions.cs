using Mamori.Web.Features.Companies;

namespace Microsoft.Extensions.DependencyInjection;

public static class CompaniesServiceCollectionExtensions
{
    public static IServiceCollection AddCompaniesFeature(this IServiceCollection services)
    {
        services.AddScoped<ListCompaniesHandler>();
        services.AddScoped<GetCompanyDetailHandler>();
        return services;
    }
}
