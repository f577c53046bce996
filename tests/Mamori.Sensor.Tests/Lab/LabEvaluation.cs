using System.Globalization;
using System.Text;
using Mamori.Lab;
using Mamori.Sensor.Detection;

namespace Mamori.Sensor.Tests.Lab;

/// <summary>Per-type tallies over the lab captures.</summary>
/// <param name="Type">Alert type id.</param>
/// <param name="Expected">Alerts the truth files expect of this type.</param>
/// <param name="Recalled">Expected alerts some alert matched.</param>
/// <param name="TruePositives">Alerts that match an expected alert.</param>
/// <param name="FalsePositives">Alerts the truth does not expect.</param>
/// <param name="Relayed">DNS-borne alerts on the resolver's upstream leg (left out of precision).</param>
public sealed record TypeScore(string Type, int Expected, int Recalled, int TruePositives, int FalsePositives, int Relayed)
{
    /// <summary>TP / (TP + FP), or null when the type raised no alert.</summary>
    public double? Precision => TruePositives + FalsePositives == 0 ? null : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Recalled / expected, or null when no scenario expects the type.</summary>
    public double? Recall => Expected == 0 ? null : (double)Recalled / Expected;
}

/// <summary>
/// Precision and recall per alert type over every lab scenario: each alert is judged against its
/// scenario's truth (<see cref="LabAlertMatcher"/>), each expected alert is recalled or missed.
/// </summary>
public sealed class LabEvaluation
{
    private LabEvaluation(IReadOnlyList<LabAnalysis> analyses, IReadOnlyList<TypeScore> scores, IReadOnlyList<string> misses, IReadOnlyList<string> falsePositives)
    {
        Analyses = analyses;
        Scores = scores;
        Misses = misses;
        FalsePositives = falsePositives;
    }

    public IReadOnlyList<LabAnalysis> Analyses { get; }

    public IReadOnlyList<TypeScore> Scores { get; }

    /// <summary>"scenario: expected alert" for every expected alert nothing matched.</summary>
    public IReadOnlyList<string> Misses { get; }

    /// <summary>"scenario: alert" for every unexpected alert.</summary>
    public IReadOnlyList<string> FalsePositives { get; }

    public static LabEvaluation Evaluate(IEnumerable<LabAnalysis> analyses)
    {
        var list = analyses.ToList();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var recalled = new Dictionary<string, int>(StringComparer.Ordinal);
        var truePositives = new Dictionary<string, int>(StringComparer.Ordinal);
        var falsePositives = new Dictionary<string, int>(StringComparer.Ordinal);
        var relayed = new Dictionary<string, int>(StringComparer.Ordinal);
        var misses = new List<string>();
        var unexpected = new List<string>();
        static void Add(Dictionary<string, int> counts, string type) => counts[type] = counts.GetValueOrDefault(type) + 1;

        foreach (var analysis in list)
        {
            var truth = analysis.Capture.Truth;
            foreach (var e in truth.Alerts)
            {
                Add(expected, e.Type);
                if (analysis.Alerts.Any(a => LabAlertMatcher.Matches(a, e, analysis.Lookups)))
                {
                    Add(recalled, e.Type);
                }
                else
                {
                    misses.Add($"{truth.Scenario}: {LabAlertMatcher.Describe(e)}");
                }
            }

            foreach (var alert in analysis.Alerts)
            {
                var type = AlertCatalog.IdOf(alert.Type);
                switch (LabAlertMatcher.Judge(alert, truth, analysis.Lookups))
                {
                    case AlertVerdict.Expected:
                        Add(truePositives, type);
                        break;
                    case AlertVerdict.Relayed:
                        Add(relayed, type);
                        break;
                    default:
                        Add(falsePositives, type);
                        unexpected.Add($"{truth.Scenario}: {LabAlertMatcher.Describe(alert)}");
                        break;
                }
            }
        }

        var types = Enum.GetValues<AlertType>().Select(AlertCatalog.IdOf)
            .Where(t => expected.ContainsKey(t) || truePositives.ContainsKey(t) || falsePositives.ContainsKey(t) || relayed.ContainsKey(t));
        var scores = types.Select(t => new TypeScore(t, expected.GetValueOrDefault(t), recalled.GetValueOrDefault(t),
            truePositives.GetValueOrDefault(t), falsePositives.GetValueOrDefault(t), relayed.GetValueOrDefault(t))).ToList();
        return new LabEvaluation(list, scores, misses, unexpected);
    }

    /// <summary>The figures as a Markdown table with the misses and false positives listed below it.</summary>
    public string ToMarkdown()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"Lab captures: {Analyses.Count} scenarios, {Analyses.Sum(a => a.Counters.Packets):N0} packets, {Analyses.Sum(a => a.Alerts.Count)} alerts.");
        text.AppendLine();
        text.AppendLine("| Alert type | Expected | Recalled | Alerts | True pos. | False pos. | Relayed | Precision | Recall |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in Scores)
        {
            text.AppendLine(inv, $"| {s.Type} | {s.Expected} | {s.Recalled} | {s.TruePositives + s.FalsePositives + s.Relayed} | {s.TruePositives} | {s.FalsePositives} | {s.Relayed} | {Percent(s.Precision)} | {Percent(s.Recall)} |");
        }

        var tp = Scores.Sum(s => s.TruePositives);
        var fp = Scores.Sum(s => s.FalsePositives);
        var expectedTotal = Scores.Sum(s => s.Expected);
        var recalledTotal = Scores.Sum(s => s.Recalled);
        text.AppendLine(inv, $"| **all** | {expectedTotal} | {recalledTotal} | {tp + fp + Scores.Sum(s => s.Relayed)} | {tp} | {fp} | {Scores.Sum(s => s.Relayed)} | {Percent(tp + fp == 0 ? null : (double)tp / (tp + fp))} | {Percent(expectedTotal == 0 ? null : (double)recalledTotal / expectedTotal)} |");
        text.AppendLine();
        text.AppendLine(Misses.Count == 0 ? "Missed: none." : "Missed:");
        foreach (var miss in Misses)
        {
            text.AppendLine("- " + miss);
        }

        text.AppendLine();
        text.AppendLine(FalsePositives.Count == 0 ? "False positives: none." : "False positives:");
        foreach (var falsePositive in FalsePositives)
        {
            text.AppendLine("- " + falsePositive);
        }

        return text.ToString();
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "n/a";
}
