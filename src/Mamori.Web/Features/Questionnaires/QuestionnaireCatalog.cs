namespace Mamori.Web.Features.Questionnaires;

/// <summary>
/// Every loaded version of every questionnaire. Register one instance as a singleton at startup;
/// answers are always scored with <see cref="Get"/> on the version recorded in the answer set.
/// </summary>
public sealed class QuestionnaireCatalog
{
    private readonly Dictionary<(string Id, int Version), QuestionnaireDefinition> _byVersion = [];

    public QuestionnaireCatalog(IEnumerable<QuestionnaireDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        foreach (var d in definitions)
        {
            if (!_byVersion.TryAdd((d.Id, d.Version), d))
            {
                throw new QuestionnaireDefinitionException("catalog", [$"questionnaire '{d.Id}' version {d.Version} is defined twice"]);
            }
        }
    }

    public IEnumerable<QuestionnaireDefinition> All =>
        _byVersion.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version);

    /// <summary>The definition an answer set was answered with.</summary>
    public QuestionnaireDefinition Get(string id, int version) =>
        _byVersion.TryGetValue((id, version), out var d)
            ? d
            : throw new KeyNotFoundException($"Questionnaire '{id}' version {version} is not loaded.");

    public QuestionnaireDefinition For(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return Get(answers.QuestionnaireId, answers.Version);
    }

    /// <summary>The newest version, used for new answer sets.</summary>
    public QuestionnaireDefinition Latest(string id) =>
        _byVersion.Values.Where(d => string.Equals(d.Id, id, StringComparison.Ordinal)).MaxBy(d => d.Version)
            ?? throw new KeyNotFoundException($"Questionnaire '{id}' is not loaded.");
}
