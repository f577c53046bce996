using Mamori.Web.Features.Analytics;
using Mamori.Web.Features.HealthReports;
using Mamori.Web.Infrastructure.Documents;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class HealthReportsServiceCollectionExtensions
{
    /// <summary>Monthly health reports: grading rules, generation runs, the monthly job; programme analytics .</summary>
    public static IServiceCollection AddHealthReportsFeature(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HealthGradingRules>().BindConfiguration(HealthGradingRules.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HealthReportOptions>().BindConfiguration(HealthReportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PdfRendererOptions>().BindConfiguration(PdfRendererOptions.SectionName);
        services.TryAddSingleton<IPdfRenderer, ChromiumPdfRenderer>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddScoped<BuildHealthReportFactsHandler>();
        services.AddScoped<HealthReportHtml>();
        services.AddScoped<HealthReportPrinter>();
        services.AddScoped<GenerateHealthReportHandler>();
        services.AddScoped<StartHealthReportRunHandler>();
        services.AddScoped<ListHealthReportsHandler>();
        services.AddScoped<GetHealthReportHandler>();
        services.AddScoped<GetRunProgressHandler>();
        services.AddSingleton<HealthReportSignal>();
        services.AddSingleton<HealthReportRunner>();
        services.AddHostedService<HealthReportWorker>();

        services.AddScoped<BuildProgrammeAnalyticsHandler>();
        return services;
    }
}
