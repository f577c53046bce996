using Mamori.Web.Features.Demo;

namespace Microsoft.Extensions.DependencyInjection;

public static class DemoServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.SectionName);
        builder.Services.AddScoped<DemoSeeder>();
        return builder;
    }
}
