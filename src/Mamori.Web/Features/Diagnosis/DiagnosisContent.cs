using System.Reflection;
using System.Text.Json;
using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Features.Diagnosis;

/// <summary>How much a countermeasure costs: free (no purchase), low (a small purchase, roughly under ¥30,000), medium (equipment or a vendor's work).</summary>
public enum CostLevel
{
    Free,
    Low,
    Medium,
}

/// <summary>How long a countermeasure takes the company: minutes, hours, or days (several sessions or a vendor visit).</summary>
public enum Effort
{
    Minutes,
    Hours,
    Days,
}

/// <summary>A low-cost countermeasure. <see cref="RaisedBy"/> lists the situations (assets, telework ...) that make it more urgent.</summary>
public sealed record Countermeasure
{
    public required string Id { get; init; }

    public required LocalizedText Title { get; init; }

    public required LocalizedText HowTo { get; init; }

    public required CostLevel Cost { get; init; }

    public required Effort Effort { get; init; }

    public IReadOnlyList<string> RaisedBy { get; init; } = [];
}

/// <summary>What a weak answer to one question means, in plain words, and what to do about it.</summary>
public sealed record WeakPointAdvice
{
    public required string Question { get; init; }

    public required LocalizedText Explanation { get; init; }

    public IReadOnlyList<string> Countermeasures { get; init; } = [];
}

/// <summary>A fact about the company read from its answers (e.g. "handles personal data"), used to rank countermeasures.</summary>
public sealed record Situation
{
    public required string Id { get; init; }

    public required LocalizedText Title { get; init; }

    public required Condition When { get; init; }
}

/// <summary>A radar chart: the categories of one group (office, telework, self-check).</summary>
public sealed record ChartGroup
{
    public required string Id { get; init; }

    public required LocalizedText Title { get; init; }
}

/// <summary>A result band of the 25-item self-check: totals from <see cref="MinTotal"/> up to the next band.</summary>
public sealed record SelfCheckBand
{
    public required string Id { get; init; }

    public required int MinTotal { get; init; }

    public required LocalizedText Title { get; init; }

    public required LocalizedText Message { get; init; }
}

public sealed record SelfCheckRules
{
    /// <summary>The category group holding the self-check items.</summary>
    public required string Group { get; init; }

    /// <summary>Bands, highest first.</summary>
    public required IReadOnlyList<SelfCheckBand> Bands { get; init; }
}

/// <summary>Where the SECURITY ACTION conditions are read from in the answers.</summary>
public sealed record SecurityActionRules
{
    /// <summary>The five basics (情報セキュリティ5か条) of the one-star declaration.</summary>
    public required IReadOnlyList<string> BasicQuestions { get; init; }

    /// <summary>The option that means "done" on the basic questions.</summary>
    public required string DoneOption { get; init; }

    public required string PolicyQuestion { get; init; }

    public required string PolicyPublishedOption { get; init; }

    public required string PolicyUrlQuestion { get; init; }
}

/// <summary>The diagnosis rules that go with one questionnaire version (file <c>*.advice.json</c>).</summary>
public sealed record DiagnosisAdvice
{
    public required string QuestionnaireId { get; init; }

    public required int Version { get; init; }

    public required IReadOnlyList<ChartGroup> Groups { get; init; }

    public IReadOnlyList<Situation> Situations { get; init; } = [];

    public required SelfCheckRules SelfCheck { get; init; }

    public required SecurityActionRules SecurityAction { get; init; }

    public IReadOnlyList<Countermeasure> Countermeasures { get; init; } = [];

    public IReadOnlyList<WeakPointAdvice> WeakPoints { get; init; } = [];

    public Countermeasure? FindCountermeasure(string id) =>
        Countermeasures.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));

    public WeakPointAdvice? FindWeakPoint(string questionId) =>
        WeakPoints.FirstOrDefault(w => string.Equals(w.Question, questionId, StringComparison.Ordinal));
}

/// <summary>One version of the simple diagnosis: its questionnaire and its advice.</summary>
public sealed record DiagnosisContent(QuestionnaireDefinition Questionnaire, DiagnosisAdvice Advice);

/// <summary>
/// All versions of the diagnosis content, read from the embedded files in <c>Diagnosis/Content</c>
/// (<c>{id}.v{n}.json</c> and <c>{id}.v{n}.advice.json</c>) and cross-checked at startup.
/// </summary>
public sealed class DiagnosisContentCatalog
{
    public const string QuestionnaireId = "simple-diagnosis";

    private const string ResourcePrefix = "Mamori.Web.Features.Diagnosis.Content.";

    private readonly Dictionary<int, DiagnosisContent> _byVersion;

    public DiagnosisContentCatalog(IEnumerable<DiagnosisContent> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        _byVersion = versions.ToDictionary(v => v.Questionnaire.Version);
        Questionnaires = new QuestionnaireCatalog(_byVersion.Values.Select(v => v.Questionnaire));
    }

    public QuestionnaireCatalog Questionnaires { get; }

    public DiagnosisContent Latest => _byVersion[_byVersion.Keys.Max()];

    /// <summary>The content an answer set was answered with.</summary>
    public DiagnosisContent For(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return string.Equals(answers.QuestionnaireId, QuestionnaireId, StringComparison.Ordinal) && _byVersion.TryGetValue(answers.Version, out var content)
            ? content
            : throw new KeyNotFoundException($"No diagnosis content for '{answers.QuestionnaireId}' version {answers.Version}.");
    }

    /// <summary>Loads the shipped content; throws <see cref="QuestionnaireDefinitionException"/> naming the file on any problem.</summary>
    public static DiagnosisContentCatalog LoadEmbedded()
    {
        var assembly = typeof(DiagnosisContentCatalog).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).ToList();
        var versions = new List<DiagnosisContent>();
        foreach (var name in names.Where(n => !n.EndsWith(".advice.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var questionnaire = QuestionnaireLoader.Parse(QuestionnaireLoader.ReadResource(assembly, name), name);
            var adviceName = name[..^".json".Length] + ".advice.json";
            if (!names.Contains(adviceName))
            {
                throw new QuestionnaireDefinitionException(name, [$"no advice file '{adviceName}' for questionnaire '{questionnaire.Id}' v{questionnaire.Version}"]);
            }

            versions.Add(new DiagnosisContent(questionnaire, ParseAdvice(QuestionnaireLoader.ReadResource(assembly, adviceName), adviceName, questionnaire)));
        }

        return new DiagnosisContentCatalog(versions);
    }

    /// <summary>Parses an advice file and checks every reference against the questionnaire.</summary>
    public static DiagnosisAdvice ParseAdvice(string json, string source, QuestionnaireDefinition questionnaire)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        DiagnosisAdvice? advice;
        try
        {
            advice = JsonSerializer.Deserialize<DiagnosisAdvice>(json, QuestionnaireLoader.s_json);
        }
        catch (JsonException ex)
        {
            throw new QuestionnaireDefinitionException(source, [$"not a valid advice file ({ex.Message})"], ex);
        }

        if (advice is null)
        {
            throw new QuestionnaireDefinitionException(source, ["the file is empty (null)"]);
        }

        var problems = AdviceValidator.Validate(advice, questionnaire);
        return problems.Count > 0 ? throw new QuestionnaireDefinitionException(source, problems) : advice;
    }
}
