using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mamori.Sensor.Detection;

namespace Mamori.Cli.Commands;

/// <summary>One alert the attack lab expects: type, and optionally attacker and victim addresses.</summary>
public sealed class ExpectedAlert
{
    /// <summary>Alert type id ("port_scan", ...).</summary>
    public required string Type { get; init; }

    /// <summary>Expected source address, or null for any.</summary>
    public string? Src { get; init; }

    /// <summary>Expected destination address, or null for any.</summary>
    public string? Dst { get; init; }
}

/// <summary>Precision and recall of one alert type against the expectations.</summary>
/// <param name="Type">Type id.</param>
/// <param name="Alerts">Alerts raised of the type.</param>
/// <param name="TruePositives">Alerts that match an expectation.</param>
/// <param name="Expected">Expectations of the type.</param>
/// <param name="Found">Expectations matched by at least one alert.</param>
public readonly record struct TypeScore(string Type, int Alerts, int TruePositives, int Expected, int Found)
{
    /// <summary>True positives over alerts (1 when nothing was raised).</summary>
    public double Precision => Alerts == 0 ? 1 : (double)TruePositives / Alerts;

    /// <summary>Found over expected (1 when nothing was expected).</summary>
    public double Recall => Expected == 0 ? 1 : (double)Found / Expected;
}

/// <summary>
/// Scores alerts against the lab's expectations (<c>mamori analyze --expect FILE</c>): per-type
/// precision and recall. Medium and high alerts with no expectation are false positives; low
/// alerts without an expectation are counted but do not lower precision below what a benign
/// capture allows (the acceptance bar is "no medium or high alert").
/// </summary>
public static class AlertScoring
{
    /// <summary>Reads the expectations file: a JSON array of {"type","src","dst"}.</summary>
    public static IReadOnlyList<ExpectedAlert> Read(string json) =>
        JsonSerializer.Deserialize(json, ExpectationJsonContext.Default.ListExpectedAlert) ?? [];

    /// <summary>Per-type scores.</summary>
    public static IReadOnlyList<TypeScore> Score(IReadOnlyList<Alert> alerts, IReadOnlyList<ExpectedAlert> expected)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(expected);
        var types = alerts.Select(a => AlertCatalog.IdOf(a.Type)).Concat(expected.Select(e => e.Type)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var scores = new List<TypeScore>();
        foreach (var type in types)
        {
            var raised = alerts.Where(a => AlertCatalog.IdOf(a.Type) == type).ToList();
            var wanted = expected.Where(e => e.Type == type).ToList();
            var truePositives = raised.Count(a => wanted.Any(e => Matches(a, e)));
            var countedAlerts = raised.Count(a => wanted.Any(e => Matches(a, e)) || a.Severity >= AlertSeverity.Medium);
            var found = wanted.Count(e => raised.Any(a => Matches(a, e)));
            scores.Add(new TypeScore(type, countedAlerts, truePositives, wanted.Count, found));
        }

        return scores;
    }

    /// <summary>A printable table.</summary>
    public static string Format(IReadOnlyList<TypeScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var lines = new List<string> { "type                  alerts  tp  expected  found  precision  recall" };
        lines.AddRange(scores.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Type,-21} {s.Alerts,6} {s.TruePositives,3} {s.Expected,9} {s.Found,6} {s.Precision,10:0.00} {s.Recall,7:0.00}")));
        return string.Join(Environment.NewLine, lines);
    }

    private static bool Matches(Alert alert, ExpectedAlert expected) =>
        (expected.Src is null || expected.Src == alert.Src.Ip) && (expected.Dst is null || expected.Dst == alert.Dst?.Ip);
}

/// <summary>Source-generated JSON for the expectations file.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(List<ExpectedAlert>))]
public sealed partial class ExpectationJsonContext : JsonSerializerContext;
