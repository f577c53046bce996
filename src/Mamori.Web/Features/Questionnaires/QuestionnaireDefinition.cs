namespace Mamori.Web.Features.Questionnaires;

/// <summary>
/// One version of a questionnaire, as read from its JSON file (format: README.md next to this file).
/// Definitions are immutable data; a new wording or a new question makes a new version, so an
/// answer set is always read and scored with the version it was answered with.
/// </summary>
public sealed record QuestionnaireDefinition
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public required LocalizedText Title { get; init; }

    public LocalizedText? Description { get; init; }

    /// <summary>The categories that scored questions belong to (radar chart axes, per-category scores).</summary>
    public IReadOnlyList<CategoryDefinition> Categories { get; init; } = [];

    public IReadOnlyList<SectionDefinition> Sections { get; init; } = [];

    /// <summary>Shared option lists (e.g. the four answers of a self-check), referenced by <see cref="QuestionDefinition.OptionSet"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<OptionDefinition>> OptionSets { get; init; } =
        new Dictionary<string, IReadOnlyList<OptionDefinition>>(StringComparer.Ordinal);

    /// <summary>All questions in document order (section by section).</summary>
    public IEnumerable<QuestionDefinition> Questions => Sections.SelectMany(s => s.Questions);

    /// <summary>The question with this id, or null.</summary>
    public QuestionDefinition? FindQuestion(string questionId) =>
        Questions.FirstOrDefault(q => string.Equals(q.Id, questionId, StringComparison.Ordinal));

    /// <summary>The category with this id, or null.</summary>
    public CategoryDefinition? FindCategory(string categoryId) =>
        Categories.FirstOrDefault(c => string.Equals(c.Id, categoryId, StringComparison.Ordinal));

    /// <summary>The section that holds the question, or null.</summary>
    public SectionDefinition? FindSectionOf(string questionId) =>
        Sections.FirstOrDefault(s => s.Questions.Any(q => string.Equals(q.Id, questionId, StringComparison.Ordinal)));
}

/// <summary>A scoring category. <see cref="Group"/> puts categories on the same chart (e.g. office, telework).</summary>
public sealed record CategoryDefinition
{
    public required string Id { get; init; }

    public required LocalizedText Title { get; init; }

    public string? Group { get; init; }
}

/// <summary>A section of questions; the whole section can be shown only when a condition holds.</summary>
public sealed record SectionDefinition
{
    public required string Id { get; init; }

    public required LocalizedText Title { get; init; }

    public LocalizedText? Description { get; init; }

    public Condition? ShowWhen { get; init; }

    public IReadOnlyList<QuestionDefinition> Questions { get; init; } = [];
}

public enum QuestionKind
{
    SingleChoice,
    MultipleChoice,
    Number,
    FreeText,
}

/// <summary>One question. Which properties apply depends on <see cref="Kind"/>.</summary>
public sealed record QuestionDefinition
{
    public required string Id { get; init; }

    public required QuestionKind Kind { get; init; }

    public required LocalizedText Text { get; init; }

    /// <summary>A plain explanation shown under the question.</summary>
    public LocalizedText? Help { get; init; }

    /// <summary>The scoring category; a question with a category must give every option a score.</summary>
    public string? Category { get; init; }

    public bool Required { get; init; }

    /// <summary>Shown only when this holds (evaluated over answers to earlier, visible questions).</summary>
    public Condition? ShowWhen { get; init; }

    /// <summary>Choices for single and multiple choice questions (after option sets are expanded).</summary>
    public IReadOnlyList<OptionDefinition> Options { get; init; } = [];

    /// <summary>Name of a shared option list of the questionnaire; expanded into <see cref="Options"/> on load.</summary>
    public string? OptionSet { get; init; }

    /// <summary>Multiple choice: at most this many options may be chosen (null: no limit).</summary>
    public int? MaxSelections { get; init; }

    /// <summary>Number: the smallest accepted value.</summary>
    public decimal? Min { get; init; }

    /// <summary>Number: the largest accepted value.</summary>
    public decimal? Max { get; init; }

    /// <summary>Number: whether decimals are accepted (false: whole numbers only).</summary>
    public bool AllowDecimals { get; init; }

    /// <summary>Number: the unit shown after the field (人, 台, %).</summary>
    public LocalizedText? Unit { get; init; }

    /// <summary>Free text and "other" text: the longest accepted text in characters.</summary>
    public int? MaxLength { get; init; }

    public OptionDefinition? FindOption(string optionId) =>
        Options.FirstOrDefault(o => string.Equals(o.Id, optionId, StringComparison.Ordinal));
}

/// <summary>One choice of a choice question.</summary>
public sealed record OptionDefinition
{
    public required string Id { get; init; }

    public required LocalizedText Text { get; init; }

    /// <summary>Points for choosing this option (may be negative, e.g. わからない −1).</summary>
    public decimal? Score { get; init; }

    /// <summary>"Other (please specify)": choosing it needs a text.</summary>
    public bool IsOther { get; init; }

    /// <summary>Multiple choice: this option cannot be combined with others (e.g. 特にない).</summary>
    public bool IsExclusive { get; init; }
}
