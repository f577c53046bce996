namespace Mamori.Web.Features.Diagnosis;

/// <summary>One earlier diagnosis of the company: when, and its scores keyed like the benchmark.</summary>
public sealed record PastDiagnosis(DateOnly AnsweredOn, IReadOnlyDictionary<string, double> Scores);

/// <summary>A score over time; <see cref="Change"/> is latest minus the previous diagnosis that had this score.</summary>
public sealed record ScoreTrend(string Key, IReadOnlyList<ScorePoint> Points)
{
    public double? Latest => Points.Count > 0 ? Points[^1].Score : null;

    public double? Previous => Points.Count > 1 ? Points[^2].Score : null;

    public double? Change => Latest is double l && Previous is double p ? Math.Round(l - p, 1) : null;
}

public readonly record struct ScorePoint(DateOnly AnsweredOn, double Score);

/// <summary>Compares the company's diagnoses over time ("did we improve since last year?").</summary>
public static class DiagnosisHistory
{
    public static IReadOnlyList<ScoreTrend> Compare(IEnumerable<string> keys, IEnumerable<PastDiagnosis> diagnoses)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ordered = diagnoses.OrderBy(d => d.AnsweredOn).ToList();
        return keys.Select(key => new ScoreTrend(
                key,
                ordered.Where(d => d.Scores.ContainsKey(key)).Select(d => new ScorePoint(d.AnsweredOn, d.Scores[key])).ToList()))
            .ToList();
    }
}
