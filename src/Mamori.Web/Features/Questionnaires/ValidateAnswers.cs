using System.Globalization;

namespace Mamori.Web.Features.Questionnaires;

public enum AnswerErrorCode
{
    Required,
    WrongKind,
    UnknownOption,
    OnlyOneChoice,
    TooManyChoices,
    ExclusiveCombined,
    OtherTextMissing,
    BelowMinimum,
    AboveMaximum,
    NotWholeNumber,
    TooLong,
}

/// <summary>What is wrong with the answer to one question, in words the respondent understands.</summary>
public sealed record AnswerError(string QuestionId, AnswerErrorCode Code, LocalizedText Message);

/// <summary>The answers as they will be stored (hidden and unknown answers dropped) and the problems found.</summary>
public sealed record AnswerValidationResult(AnswerSet Answers, IReadOnlyList<AnswerError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public IEnumerable<AnswerError> ErrorsFor(string questionId) =>
        Errors.Where(e => string.Equals(e.QuestionId, questionId, StringComparison.Ordinal));
}

/// <summary>
/// Checks an answer set against its definition. Saving a draft checks what was typed (kinds,
/// ranges, "other" text) but not completeness; submitting also requires every required visible
/// question. Answers to questions that are hidden by a condition are dropped, so a changed
/// earlier answer (2-5 "no") silently removes the later one (2-6) instead of keeping stale data.
/// </summary>
public static class AnswerValidator
{
    /// <summary>Validates for saving as a draft; the result keeps the draft status.</summary>
    public static AnswerValidationResult ValidateDraft(QuestionnaireDefinition definition, AnswerSet answers)
    {
        var result = Validate(definition, answers, requireComplete: false);
        return result with { Answers = result.Answers with { Status = AnswerStatus.Draft } };
    }

    /// <summary>Validates for submission; when valid, the returned set has <see cref="AnswerStatus.Submitted"/>.</summary>
    public static AnswerValidationResult Submit(QuestionnaireDefinition definition, AnswerSet answers)
    {
        var result = Validate(definition, answers, requireComplete: true);
        return result.IsValid ? result with { Answers = result.Answers with { Status = AnswerStatus.Submitted } } : result;
    }

    private static AnswerValidationResult Validate(QuestionnaireDefinition definition, AnswerSet answers, bool requireComplete)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(answers);
        if (!string.Equals(answers.QuestionnaireId, definition.Id, StringComparison.Ordinal) || answers.Version != definition.Version)
        {
            throw new ArgumentException(
                $"Answers are for '{answers.QuestionnaireId}' v{answers.Version}, not '{definition.Id}' v{definition.Version}.", nameof(answers));
        }

        var visible = QuestionVisibility.VisibleQuestionIds(definition, answers);
        var kept = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var errors = new List<AnswerError>();

        foreach (var question in definition.Questions.Where(q => visible.Contains(q.Id)))
        {
            var answer = answers.Find(question.Id);
            if (answer is null || answer.IsEmpty)
            {
                if (requireComplete && question.Required)
                {
                    errors.Add(Error(question, AnswerErrorCode.Required));
                }

                continue;
            }

            var cleaned = Check(question, answer, errors);
            kept[question.Id] = cleaned;
        }

        return new AnswerValidationResult(answers with { Answers = kept }, errors);
    }

    private static Answer Check(QuestionDefinition q, Answer a, List<AnswerError> errors)
    {
        switch (q.Kind)
        {
            case QuestionKind.SingleChoice:
            case QuestionKind.MultipleChoice:
                if (a.Number is not null || a.Text is not null)
                {
                    errors.Add(Error(q, AnswerErrorCode.WrongKind));
                }

                var selected = a.Selected.Distinct(StringComparer.Ordinal).ToList();
                if (selected.Any(id => q.FindOption(id) is null))
                {
                    errors.Add(Error(q, AnswerErrorCode.UnknownOption));
                }

                if (q.Kind == QuestionKind.SingleChoice && selected.Count > 1)
                {
                    errors.Add(Error(q, AnswerErrorCode.OnlyOneChoice));
                }

                if (q.MaxSelections is int max && selected.Count > max)
                {
                    errors.Add(Error(q, AnswerErrorCode.TooManyChoices, max));
                }

                if (selected.Count > 1 && q.Options.FirstOrDefault(o => o.IsExclusive && selected.Contains(o.Id, StringComparer.Ordinal)) is { } exclusive)
                {
                    errors.Add(Error(q, AnswerErrorCode.ExclusiveCombined, exclusive.Text.Ja, exclusive.Text.En));
                }

                var other = q.Options.FirstOrDefault(o => o.IsOther && selected.Contains(o.Id, StringComparer.Ordinal));
                if (other is not null && string.IsNullOrWhiteSpace(a.OtherText))
                {
                    errors.Add(Error(q, AnswerErrorCode.OtherTextMissing));
                }

                var otherText = other is null ? null : a.OtherText?.Trim();
                CheckLength(q, otherText, errors);
                return new Answer { Selected = selected, OtherText = otherText };

            case QuestionKind.Number:
                if (a.Number is not decimal n || a.Selected.Count > 0 || a.Text is not null)
                {
                    errors.Add(Error(q, AnswerErrorCode.WrongKind));
                    return new Answer { Number = a.Number };
                }

                if (q.Min is decimal min && n < min)
                {
                    errors.Add(Error(q, AnswerErrorCode.BelowMinimum, Format(min), Format(min)));
                }

                if (q.Max is decimal maxValue && n > maxValue)
                {
                    errors.Add(Error(q, AnswerErrorCode.AboveMaximum, Format(maxValue), Format(maxValue)));
                }

                if (!q.AllowDecimals && n != decimal.Truncate(n))
                {
                    errors.Add(Error(q, AnswerErrorCode.NotWholeNumber));
                }

                return new Answer { Number = n };

            default:
                if (a.Selected.Count > 0 || a.Number is not null)
                {
                    errors.Add(Error(q, AnswerErrorCode.WrongKind));
                }

                var text = a.Text?.Trim();
                CheckLength(q, text, errors);
                return new Answer { Text = text };
        }
    }

    private static void CheckLength(QuestionDefinition q, string? text, List<AnswerError> errors)
    {
        if (text is not null && q.MaxLength is int maxLength && text.Length > maxLength)
        {
            errors.Add(Error(q, AnswerErrorCode.TooLong, maxLength));
        }
    }

    private static string Format(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static AnswerError Error(QuestionDefinition q, AnswerErrorCode code, params object[] args) =>
        new(q.Id, code, s_messages[code].Format(args));

    private static readonly Dictionary<AnswerErrorCode, LocalizedText> s_messages = new()
    {
        [AnswerErrorCode.Required] = new("この質問にお答えください。", "Please answer this question."),
        [AnswerErrorCode.WrongKind] = new("この質問には、この形の答えは入りません。", "This kind of answer does not fit this question."),
        [AnswerErrorCode.UnknownOption] = new("選べない答えが含まれています。選び直してください。", "One of the chosen answers is not on the list. Please choose again."),
        [AnswerErrorCode.OnlyOneChoice] = new("答えは1つだけ選んでください。", "Please choose only one answer."),
        [AnswerErrorCode.TooManyChoices] = new("選べるのは{0}つまでです。", "You can choose up to {0}."),
        [AnswerErrorCode.ExclusiveCombined] = new("「{0}」は他の答えと一緒には選べません。", "\"{1}\" cannot be chosen together with other answers."),
        [AnswerErrorCode.OtherTextMissing] = new("「その他」を選んだときは、内容を書いてください。", "You chose \"other\": please write what it is."),
        [AnswerErrorCode.BelowMinimum] = new("{0}以上の数を入れてください。", "Please enter {1} or more."),
        [AnswerErrorCode.AboveMaximum] = new("{0}以下の数を入れてください。", "Please enter {1} or less."),
        [AnswerErrorCode.NotWholeNumber] = new("小数ではなく整数で入れてください。", "Please enter a whole number."),
        [AnswerErrorCode.TooLong] = new("{0}文字以内で書いてください。", "Please keep it within {0} characters."),
    };
}
