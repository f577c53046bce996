namespace Mamori.Web.Features.Questionnaires;

/// <summary>A draft may be incomplete and is saved as it stands; a submitted set passed full validation.</summary>
public enum AnswerStatus
{
    Draft,
    Submitted,
}

/// <summary>Who typed the answers in.</summary>
public enum AnswerEntryMode
{
    /// <summary>The company answered itself (web form).</summary>
    Self,

    /// <summary>An advisor filled the form in during a phone or web call with the company (リモートヒアリング, seed 003 §4.4).</summary>
    AdvisorRemoteHearing,

    /// <summary>Staff typed in an answer received on paper, by fax or by e-mail (surveys, R-1.3).</summary>
    StaffTranscribed,
}

/// <summary>
/// The answer to one question. Choice questions use <see cref="Selected"/> (option ids) and
/// <see cref="OtherText"/> when the "other" option is chosen; number questions use
/// <see cref="Number"/>; free-text questions use <see cref="Text"/>.
/// </summary>
public sealed record Answer
{
    public IReadOnlyList<string> Selected { get; init; } = [];

    public decimal? Number { get; init; }

    public string? Text { get; init; }

    public string? OtherText { get; init; }

    public bool IsEmpty => Selected.Count == 0 && Number is null && string.IsNullOrWhiteSpace(Text);

    public static Answer Choice(params string[] optionIds) => new() { Selected = optionIds };

    public static Answer ChoiceWithOther(string optionId, string otherText) => new() { Selected = [optionId], OtherText = otherText };

    public static Answer Of(decimal number) => new() { Number = number };

    public static Answer OfText(string text) => new() { Text = text };
}

/// <summary>
/// One respondent's answers to one version of a questionnaire, keyed by question id.
/// The version is recorded so that scoring later uses the definition the answers were given to.
/// </summary>
public sealed record AnswerSet
{
    public required string QuestionnaireId { get; init; }

    public required int Version { get; init; }

    public AnswerStatus Status { get; init; } = AnswerStatus.Draft;

    public AnswerEntryMode EnteredBy { get; init; } = AnswerEntryMode.Self;

    public IReadOnlyDictionary<string, Answer> Answers { get; init; } = new Dictionary<string, Answer>(StringComparer.Ordinal);

    /// <summary>A new empty draft for the definition.</summary>
    public static AnswerSet StartDraft(QuestionnaireDefinition definition, AnswerEntryMode enteredBy)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new AnswerSet { QuestionnaireId = definition.Id, Version = definition.Version, EnteredBy = enteredBy };
    }

    /// <summary>A copy with one answer set (or replaced).</summary>
    public AnswerSet With(string questionId, Answer answer)
    {
        var copy = new Dictionary<string, Answer>(Answers, StringComparer.Ordinal) { [questionId] = answer };
        return this with { Answers = copy };
    }

    public Answer? Find(string questionId) => Answers.TryGetValue(questionId, out var answer) ? answer : null;
}
