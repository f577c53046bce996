using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Features.Diagnosis;

/// <summary>A question not fully done, with the plain explanation of why it matters.</summary>
public sealed record WeakPoint(
    string QuestionId,
    string CategoryId,
    LocalizedText Question,
    LocalizedText Explanation,
    LocalizedText? Answer,
    double Ratio,
    IReadOnlyList<string> CountermeasureIds);

/// <summary>A countermeasure proposed to the company, with why it ranks where it does.</summary>
public sealed record RankedCountermeasure(
    Countermeasure Measure,
    double Priority,
    IReadOnlyList<string> ForQuestions,
    IReadOnlyList<string> RaisedBySituations);

/// <summary>
/// Picks weak points and ranks countermeasures by the company's information assets and situation
/// (seed 003 表4.4-1 No.2: 自社の守るべき情報資産や業務都合を基に優先度を付けて).
/// </summary>
/// <remarks>
/// Priority = need + one point per matching situation. Need is the sum, over the weak questions a
/// measure addresses, of the share of points missed there (1 for "not done" or "don't know", 0.5
/// for "partly"). So one unmet need that the company's situation makes urgent (personal data, telework)
/// outranks one that it does not. Ties go to the cheaper, then quicker measure, then to the earlier
/// question in the questionnaire, then to the id, so the order is always the same.
/// </remarks>
public static class CountermeasureRanking
{
    /// <summary>The situations that hold for the company's answers (conditions over visible answers).</summary>
    public static IReadOnlyList<Situation> Situations(DiagnosisContent content, AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(content);
        var visible = QuestionVisibility.VisibleQuestionIds(content.Questionnaire, answers);
        Answer? Lookup(string id) => visible.Contains(id) ? answers.Find(id) : null;
        return content.Advice.Situations.Where(s => s.When.Evaluate(Lookup)).ToList();
    }

    /// <summary>Questions not fully done, weakest first (then by weakest category, then questionnaire order).</summary>
    public static IReadOnlyList<WeakPoint> WeakPoints(DiagnosisContent content, AnswerSet answers, ScoreSheet scores)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(scores);
        var order = content.Questionnaire.Questions.Select((q, i) => (q.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return scores.Questions
            .Where(s => s.Ratio < 1)
            .OrderBy(s => s.Ratio)
            .ThenBy(s => scores.Category(s.CategoryId)?.Normalised ?? 0)
            .ThenBy(s => order[s.QuestionId])
            .Select(s =>
            {
                var question = content.Questionnaire.FindQuestion(s.QuestionId)!;
                var advice = content.Advice.FindWeakPoint(s.QuestionId)!;
                var chosen = answers.Find(s.QuestionId)?.Selected;
                var answer = chosen is { Count: > 0 } ? question.FindOption(chosen[0])?.Text : null;
                return new WeakPoint(s.QuestionId, s.CategoryId, question.Text, advice.Explanation, answer, s.Ratio, advice.Countermeasures);
            })
            .ToList();
    }

    public static IReadOnlyList<RankedCountermeasure> Rank(
        DiagnosisContent content,
        IReadOnlyList<WeakPoint> weakPoints,
        IReadOnlyList<Situation> situations,
        int top)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(weakPoints);
        ArgumentNullException.ThrowIfNull(situations);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var held = situations.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var order = content.Questionnaire.Questions.Select((q, i) => (q.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        return weakPoints
            .SelectMany(w => w.CountermeasureIds.Select(id => (Id: id, Weak: w)))
            .GroupBy(x => x.Id, StringComparer.Ordinal)
            .Select(g =>
            {
                var measure = content.Advice.FindCountermeasure(g.Key)!;
                var need = g.Sum(x => 1 - x.Weak.Ratio);
                var raisedBy = measure.RaisedBy.Where(held.Contains).ToList();
                var questions = g.Select(x => x.Weak.QuestionId).Distinct(StringComparer.Ordinal).OrderBy(q => order[q]).ToList();
                return new RankedCountermeasure(measure, Math.Round(need + raisedBy.Count, 3), questions, raisedBy);
            })
            .OrderByDescending(r => r.Priority)
            .ThenBy(r => r.Measure.Cost)
            .ThenBy(r => r.Measure.Effort)
            .ThenBy(r => order[r.ForQuestions[0]])
            .ThenBy(r => r.Measure.Id, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }
}
