using Mamori.Web.Features.Diagnosis;
using Mamori.Web.Infrastructure.Documents;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class DiagnosisServiceCollectionExtensions
{
    /// <summary>
    /// Loads and checks the diagnosis content now, so that a broken content file stops the
    /// application at startup with a message naming the file and the id, and registers it.
    /// </summary>
    public static IServiceCollection AddDiagnosisFeature(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var catalog = DiagnosisContentCatalog.LoadEmbedded();
        services.AddSingleton(catalog);
        services.AddSingleton(catalog.Questionnaires);
        services.AddScoped<StartDiagnosisHandler>();
        services.AddScoped<SaveDiagnosisAnswersHandler>();
        services.AddScoped<GetDiagnosisResultHandler>();
        services.AddScoped<RecordSecurityActionDeclarationHandler>();
        services.AddScoped<ListSecurityActionStandingHandler>();
        services.AddScoped<SetNationalReferenceValuesHandler>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PdfRendererOptions>().BindConfiguration(PdfRendererOptions.SectionName);
        services.TryAddSingleton<IPdfRenderer, ChromiumPdfRenderer>();
        services.AddSingleton<PrintTokens>();
        return services;
    }
}
