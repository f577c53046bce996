using Mamori.Web.Features.Diagnosis;
using Mamori.Web.Features.Questionnaires;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.Tests.Features.Diagnosis;

public class DiagnosisServiceCollectionExtensionsTests
{
    [Fact]
    public void AddDiagnosisFeature_RegistersLoadedCatalogs()
    {
        using var provider = new ServiceCollection().AddDiagnosisFeature().BuildServiceProvider();

        var catalog = provider.GetRequiredService<DiagnosisContentCatalog>();
        Assert.Equal(1, catalog.Latest.Questionnaire.Version);
        Assert.Same(catalog.Questionnaires, provider.GetRequiredService<QuestionnaireCatalog>());
        Assert.Equal(DiagnosisContentCatalog.QuestionnaireId, provider.GetRequiredService<QuestionnaireCatalog>().Latest("simple-diagnosis").Id);
    }
}
