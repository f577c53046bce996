using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Features.Diagnosis;

/// <summary>Everything the result page needs besides the company's answers.</summary>
public sealed record DiagnosisContext
{
    /// <summary>The company's industry code (same codes as <see cref="ParticipantScores.IndustryCode"/>).</summary>
    public required string IndustryCode { get; init; }

    /// <summary>When this diagnosis was answered (from the page's TimeProvider); it is the last point of the history.</summary>
    public required DateOnly AnsweredOn { get; init; }

    /// <summary>Latest submitted diagnosis of each participating company, this company included.</summary>
    public IReadOnlyList<ParticipantScores> Participants { get; init; } = [];

    /// <summary>National reference values an operator entered, keyed like <see cref="DiagnosisResult.BenchmarkScores"/>.</summary>
    public IReadOnlyDictionary<string, double> NationalReference { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The company's earlier diagnoses (their <see cref="DiagnosisResult.BenchmarkScores"/>), not this one.</summary>
    public IReadOnlyList<PastDiagnosis> History { get; init; } = [];

    public int TopWeakPoints { get; init; } = 5;

    public int TopWeakCategories { get; init; } = 3;

    public int TopCountermeasures { get; init; } = 5;
}

/// <summary>The result of one diagnosis: "what to do" (weak points, countermeasures) and "how far" (benchmark, charts).</summary>
public sealed record DiagnosisResult(
    ScoreSheet Scores,
    IReadOnlyDictionary<string, double> BenchmarkScores,
    IReadOnlyList<ScoreComparison> Comparisons,
    IReadOnlyList<RadarChart> Charts,
    SelfCheckResult SelfCheck,
    IReadOnlyList<Situation> Situations,
    IReadOnlyList<WeakCategory> WeakCategories,
    IReadOnlyList<WeakPoint> WeakPoints,
    IReadOnlyList<RankedCountermeasure> Countermeasures,
    SecurityActionReadiness SecurityAction,
    IReadOnlyList<ScoreTrend> History);

/// <summary>A category below full marks; <see cref="Target"/> is the industry average when it may be shown ("how far?").</summary>
public sealed record WeakCategory(string CategoryId, LocalizedText Label, double Score, double? Target)
{
    /// <summary>Points to gain to reach the industry average (0 when already above it), or null without a target.</summary>
    public double? GapToTarget => Target is double t ? Math.Round(Math.Max(0, t - Score), 1) : null;
}

/// <summary>Pure evaluation of a diagnosis answer set; the page loads the inputs and renders the result.</summary>
public static class DiagnosisEvaluator
{
    /// <summary>Key of the self-check total (−25..100, not normalised) among the benchmark scores.</summary>
    public const string SelfCheckTotalKey = "selfcheck.total";

    public static DiagnosisResult Evaluate(DiagnosisContentCatalog catalog, AnswerSet answers, DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(context);
        var content = catalog.For(answers);
        var scores = QuestionnaireScorer.Score(content.Questionnaire, answers);
        var selfCheck = SelfCheckEvaluator.Evaluate(content, answers);
        var benchmarkScores = BenchmarkScores(content, scores, selfCheck);
        var keys = BenchmarkKeys(content);

        var comparisons = PeerBenchmark.Compare(keys, context.IndustryCode, benchmarkScores, context.Participants, context.NationalReference);
        var situations = CountermeasureRanking.Situations(content, answers);
        var weakPoints = CountermeasureRanking.WeakPoints(content, answers, scores);
        var countermeasures = CountermeasureRanking.Rank(content, weakPoints, situations, context.TopCountermeasures);

        return new DiagnosisResult(
            scores,
            benchmarkScores,
            comparisons,
            RadarCharts.Build(content, scores, comparisons),
            selfCheck,
            situations,
            WeakCategories(content, scores, comparisons, context.TopWeakCategories),
            weakPoints.Take(context.TopWeakPoints).ToList(),
            countermeasures,
            SecurityActionAssessment.Assess(content, answers),
            DiagnosisHistory.Compare(keys, [.. context.History, new PastDiagnosis(context.AnsweredOn, benchmarkScores)]));
    }

    /// <summary>Scored categories below 100, lowest first (then questionnaire order).</summary>
    public static IReadOnlyList<WeakCategory> WeakCategories(DiagnosisContent content, ScoreSheet scores, IReadOnlyList<ScoreComparison> comparisons, int top)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(comparisons);
        return scores.Categories
            .Where(c => c.Normalised < 100)
            .Select((c, i) => (Category: c, Order: i))
            .OrderBy(x => x.Category.Normalised)
            .ThenBy(x => x.Order)
            .Take(top)
            .Select(x => new WeakCategory(
                x.Category.CategoryId,
                content.Questionnaire.FindCategory(x.Category.CategoryId)!.Title,
                x.Category.Normalised!.Value,
                comparisons.FirstOrDefault(r => r.Key == x.Category.CategoryId)?.Industry.Value))
            .ToList();
    }

    /// <summary>
    /// The scores to store with a submitted diagnosis and compare across companies: each category
    /// (0–100), each group (0–100) and the self-check total. Hidden categories are absent.
    /// </summary>
    public static IReadOnlyDictionary<string, double> BenchmarkScores(DiagnosisContent content, ScoreSheet scores, SelfCheckResult selfCheck)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(selfCheck);
        var result = new Dictionary<string, double>(scores.NormalisedByCategory(), StringComparer.Ordinal);
        foreach (var group in content.Advice.Groups)
        {
            if (scores.GroupNormalised(group.Id) is double g)
            {
                result[group.Id] = g;
            }
        }

        result[SelfCheckTotalKey] = selfCheck.Total;
        return result;
    }

    /// <summary>Benchmark keys in display order: groups, then each group's categories, then the self-check total.</summary>
    public static IReadOnlyList<string> BenchmarkKeys(DiagnosisContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var keys = new List<string>();
        foreach (var group in content.Advice.Groups)
        {
            keys.Add(group.Id);
            keys.AddRange(content.Questionnaire.Categories.Where(c => c.Group == group.Id).Select(c => c.Id));
        }

        keys.Add(SelfCheckTotalKey);
        return keys;
    }
}
