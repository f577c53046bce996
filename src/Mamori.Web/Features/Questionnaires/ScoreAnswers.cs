namespace Mamori.Web.Features.Questionnaires;

/// <summary>Points of one scored, visible question. <see cref="Points"/> is null when it was not answered.</summary>
public sealed record QuestionScore(string QuestionId, string CategoryId, decimal? Points, decimal MaxPoints)
{
    /// <summary>0–1: how much of the possible points were reached (unanswered and negative count as 0).</summary>
    public double Ratio => MaxPoints <= 0 ? 0 : Math.Clamp((double)((Points ?? 0) / MaxPoints), 0, 1);
}

/// <summary>
/// A category's points. <see cref="Normalised"/> is 0–100 (points over the maximum of its visible
/// scored questions, unanswered ones counting 0, clamped at 0 when negative answers such as
/// わからない pull the sum below zero), or null when none of its questions is shown.
/// </summary>
public sealed record CategoryScore(string CategoryId, string? Group, decimal Points, decimal MaxPoints, int AnsweredCount, int QuestionCount)
{
    public double? Normalised => MaxPoints <= 0 ? null : Math.Round(Math.Clamp((double)(Points / MaxPoints) * 100, 0, 100), 1);
}

/// <summary>The scores of one answer set, per question and per category.</summary>
public sealed record ScoreSheet(
    string QuestionnaireId,
    int Version,
    IReadOnlyList<QuestionScore> Questions,
    IReadOnlyList<CategoryScore> Categories)
{
    public decimal TotalPoints => Questions.Sum(q => q.Points ?? 0);

    public decimal TotalMaxPoints => Questions.Sum(q => q.MaxPoints);

    public CategoryScore? Category(string categoryId) =>
        Categories.FirstOrDefault(c => string.Equals(c.CategoryId, categoryId, StringComparison.Ordinal));

    public IEnumerable<CategoryScore> Group(string group) =>
        Categories.Where(c => string.Equals(c.Group, group, StringComparison.Ordinal));

    /// <summary>0–100 over all visible scored questions of a group's categories, or null when none is shown.</summary>
    public double? GroupNormalised(string group)
    {
        var inGroup = Group(group).ToList();
        var max = inGroup.Sum(c => c.MaxPoints);
        return max <= 0 ? null : Math.Round(Math.Clamp((double)(inGroup.Sum(c => c.Points) / max) * 100, 0, 100), 1);
    }

    /// <summary>Normalised scores of the categories that have one, keyed by category id (input of the benchmark).</summary>
    public IReadOnlyDictionary<string, double> NormalisedByCategory() =>
        Categories.Where(c => c.Normalised is not null).ToDictionary(c => c.CategoryId, c => c.Normalised!.Value, StringComparer.Ordinal);
}

/// <summary>
/// Scores an answer set with the definition version it was answered with. Only visible
/// questions that have a category count; a category whose questions are all hidden (e.g.
/// telework for a company without telework) has no score rather than a score of zero.
/// </summary>
public static class QuestionnaireScorer
{
    public static ScoreSheet Score(QuestionnaireCatalog catalog, AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Score(catalog.For(answers), answers);
    }

    public static ScoreSheet Score(QuestionnaireDefinition definition, AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(answers);
        if (!string.Equals(answers.QuestionnaireId, definition.Id, StringComparison.Ordinal) || answers.Version != definition.Version)
        {
            throw new ArgumentException(
                $"Answers are for '{answers.QuestionnaireId}' v{answers.Version}; score them with that version, not v{definition.Version}.", nameof(answers));
        }

        var visible = QuestionVisibility.VisibleQuestionIds(definition, answers);
        var questions = new List<QuestionScore>();
        foreach (var q in definition.Questions)
        {
            if (q.Category is null || !visible.Contains(q.Id))
            {
                continue;
            }

            questions.Add(new QuestionScore(q.Id, q.Category, Points(q, answers.Find(q.Id)), MaxPoints(q)));
        }

        var categories = definition.Categories
            .Select(c =>
            {
                var inCategory = questions.Where(q => string.Equals(q.CategoryId, c.Id, StringComparison.Ordinal)).ToList();
                return new CategoryScore(
                    c.Id,
                    c.Group,
                    inCategory.Sum(q => q.Points ?? 0),
                    inCategory.Sum(q => q.MaxPoints),
                    inCategory.Count(q => q.Points is not null),
                    inCategory.Count);
            })
            .ToList();

        return new ScoreSheet(definition.Id, definition.Version, questions, categories);
    }

    private static decimal? Points(QuestionDefinition q, Answer? answer)
    {
        if (answer is null || answer.Selected.Count == 0)
        {
            return null;
        }

        var chosen = answer.Selected.Select(q.FindOption).Where(o => o is not null).ToList();
        return chosen.Count == 0 ? null : chosen.Sum(o => o!.Score ?? 0);
    }

    private static decimal MaxPoints(QuestionDefinition q)
    {
        var positive = q.Options.Select(o => o.Score ?? 0).Where(s => s > 0).OrderDescending();
        return q.Kind == QuestionKind.SingleChoice
            ? positive.FirstOrDefault()
            : positive.Take(q.MaxSelections ?? int.MaxValue).Sum();
    }
}
