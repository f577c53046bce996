using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Features.Diagnosis;

/// <summary>
/// The 25-item self-check: 実施している 4, 一部実施している 2, 実施していない 0, わからない −1,
/// so the total runs from −25 to 100. Unanswered items count 0 and make the check incomplete.
/// </summary>
public sealed record SelfCheckResult(int Total, int MaxTotal, int AnsweredCount, int ItemCount, SelfCheckBand Band)
{
    public bool IsComplete => AnsweredCount == ItemCount;
}

public static class SelfCheckEvaluator
{
    public static SelfCheckResult Evaluate(DiagnosisContent content, AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(answers);
        var rules = content.Advice.SelfCheck;
        var items = Items(content.Questionnaire, rules).ToList();
        var total = 0m;
        var answered = 0;
        foreach (var item in items)
        {
            var selected = answers.Find(item.Id)?.Selected;
            var option = selected is { Count: 1 } ? item.FindOption(selected[0]) : null;
            if (option is not null)
            {
                total += option.Score ?? 0;
                answered++;
            }
        }

        var max = items.Sum(i => i.Options.Max(o => o.Score ?? 0));
        var whole = (int)total;
        return new SelfCheckResult(whole, (int)max, answered, items.Count, BandFor(rules, whole));
    }

    /// <summary>The band whose range holds the total (bands are validated to cover every possible total).</summary>
    public static SelfCheckBand BandFor(SelfCheckRules rules, int total)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Bands.FirstOrDefault(b => total >= b.MinTotal) ?? rules.Bands[^1];
    }

    internal static IEnumerable<QuestionDefinition> Items(QuestionnaireDefinition q, SelfCheckRules rules) =>
        q.Questions.Where(x => x.Category is not null && string.Equals(q.FindCategory(x.Category)?.Group, rules.Group, StringComparison.Ordinal));
}
