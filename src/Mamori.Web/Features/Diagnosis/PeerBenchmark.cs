namespace Mamori.Web.Features.Diagnosis;

/// <summary>One participating company's latest scores (normalised 0–100), keyed by category or group id.</summary>
public sealed record ParticipantScores(string CompanyId, string IndustryCode, IReadOnlyDictionary<string, double> Scores);

/// <summary>
/// An average over companies. When fewer than <see cref="PeerBenchmark.MinimumCompanies"/> companies
/// are behind it, <see cref="Value"/> is null: the average is "too few to show", because with a
/// handful of peers an average would reveal individual companies' answers.
/// </summary>
public readonly record struct PeerAverage(int CompanyCount, double? Value)
{
    public bool IsTooFewToShow => Value is null;

    internal static PeerAverage Of(IReadOnlyCollection<double> values) =>
        values.Count < PeerBenchmark.MinimumCompanies
            ? new PeerAverage(values.Count, null)
            : new PeerAverage(values.Count, Math.Round(values.Average(), 1));
}

public enum DeviationStatus
{
    /// <summary>50 + 10·(x − μ)/σ over all participants.</summary>
    Computed,

    /// <summary>Fewer than five participants: no deviation score is given.</summary>
    TooFewCompanies,

    /// <summary>Every participant has the same score (σ = 0): everyone, this company included, is at 50.</summary>
    NoSpread,

    /// <summary>The company has no score here (e.g. telework category for a company without telework).</summary>
    NotScored,
}

/// <summary>偏差値: where the company stands among all participants (50 = average, 60 = one standard deviation above).</summary>
public readonly record struct DeviationScore(double? Value, DeviationStatus Status);

/// <summary>One axis of the comparison.</summary>
public sealed record ScoreComparison(
    string Key,
    double? Company,
    PeerAverage Industry,
    PeerAverage AllParticipants,
    double? NationalReference,
    DeviationScore Deviation);

/// <summary>
/// Compares a company's scores with the same industry, with all participants and with national
/// reference values an operator enters (seed 003 表4.4-1 No.2: the industry average is the target
/// that answers "how far?").
/// </summary>
public static class PeerBenchmark
{
    /// <summary>Averages of fewer companies than this are not shown, and no deviation score is given.</summary>
    public const int MinimumCompanies = 5;

    /// <summary>
    /// <paramref name="participants"/> is the latest diagnosis of every participating company, this
    /// company included; a participant counts for a key only when it has a score for it. Keys are
    /// compared in the order given.
    /// </summary>
    public static IReadOnlyList<ScoreComparison> Compare(
        IEnumerable<string> keys,
        string industryCode,
        IReadOnlyDictionary<string, double> company,
        IReadOnlyList<ParticipantScores> participants,
        IReadOnlyDictionary<string, double> nationalReference)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(nationalReference);
        if (participants.GroupBy(p => p.CompanyId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Company '{twice.Key}' appears more than once; pass each company's latest diagnosis only.", nameof(participants));
        }

        return keys.Select(key =>
        {
            var all = participants.Where(p => p.Scores.ContainsKey(key)).Select(p => p.Scores[key]).ToList();
            var industry = participants
                .Where(p => string.Equals(p.IndustryCode, industryCode, StringComparison.Ordinal) && p.Scores.ContainsKey(key))
                .Select(p => p.Scores[key])
                .ToList();
            double? own = company.TryGetValue(key, out var x) ? x : null;
            double? national = nationalReference.TryGetValue(key, out var n) ? n : null;
            return new ScoreComparison(key, own, PeerAverage.Of(industry), PeerAverage.Of(all), national, Deviation(own, all));
        }).ToList();
    }

    /// <summary>50 + 10·(x − μ)/σ with the population standard deviation of <paramref name="population"/>.</summary>
    public static DeviationScore Deviation(double? score, IReadOnlyCollection<double> population)
    {
        ArgumentNullException.ThrowIfNull(population);
        if (score is not double x)
        {
            return new DeviationScore(null, DeviationStatus.NotScored);
        }

        if (population.Count < MinimumCompanies)
        {
            return new DeviationScore(null, DeviationStatus.TooFewCompanies);
        }

        var mean = population.Average();
        var sigma = Math.Sqrt(population.Sum(v => (v - mean) * (v - mean)) / population.Count);
        return sigma < 1e-9
            ? new DeviationScore(50, DeviationStatus.NoSpread)
            : new DeviationScore(Math.Round(50 + (10 * (x - mean) / sigma), 1), DeviationStatus.Computed);
    }
}
