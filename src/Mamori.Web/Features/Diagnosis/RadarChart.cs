using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Features.Diagnosis;

public sealed record RadarAxis(string CategoryId, LocalizedText Label);

/// <summary>One line of the chart; a null value is not drawn (no score, or an average of too few companies).</summary>
public sealed record RadarSeries(string Id, LocalizedText Name, IReadOnlyList<double?> Values, IReadOnlyList<int>? CompanyCounts = null);

/// <summary>What a radar chart of one group needs: axes and the company, industry, all-participant and national lines (0–100).</summary>
public sealed record RadarChart(string Group, LocalizedText Title, IReadOnlyList<RadarAxis> Axes, IReadOnlyList<RadarSeries> Series);

public static class RadarCharts
{
    private static readonly LocalizedText s_company = new("貴社", "Your company");
    private static readonly LocalizedText s_industry = new("同じ業種の平均", "Same industry average");
    private static readonly LocalizedText s_all = new("参加企業全体の平均", "All participants average");
    private static readonly LocalizedText s_national = new("全国の参考値", "National reference");

    /// <summary>One chart per group that has scored categories for this company (no telework chart without telework).</summary>
    public static IReadOnlyList<RadarChart> Build(DiagnosisContent content, ScoreSheet scores, IReadOnlyList<ScoreComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(comparisons);
        var byKey = comparisons.ToDictionary(c => c.Key, StringComparer.Ordinal);
        var charts = new List<RadarChart>();
        foreach (var group in content.Advice.Groups)
        {
            var axes = scores.Group(group.Id)
                .Where(c => c.Normalised is not null)
                .Select(c => new RadarAxis(c.CategoryId, content.Questionnaire.FindCategory(c.CategoryId)!.Title))
                .ToList();
            if (axes.Count == 0)
            {
                continue;
            }

            var rows = axes.Select(a => byKey.TryGetValue(a.CategoryId, out var c) ? c : null).ToList();
            var series = new List<RadarSeries>
            {
                new("company", s_company, axes.Select(a => scores.Category(a.CategoryId)!.Normalised).ToList()),
                new("industry", s_industry, rows.Select(r => r?.Industry.Value).ToList(), rows.Select(r => r?.Industry.CompanyCount ?? 0).ToList()),
                new("all", s_all, rows.Select(r => r?.AllParticipants.Value).ToList(), rows.Select(r => r?.AllParticipants.CompanyCount ?? 0).ToList()),
            };
            if (rows.Any(r => r?.NationalReference is not null))
            {
                series.Add(new("national", s_national, rows.Select(r => r?.NationalReference).ToList()));
            }

            charts.Add(new RadarChart(group.Id, group.Title, axes, series));
        }

        return charts;
    }
}
