using Mamori.Web.Features.Incidents;

namespace Mamori.Web.Features.HealthReports;

/// <summary>
/// The recommended actions (推奨対策) of a report: one per detected item, in report order, then
/// what follows from open incidents or too little monitoring, then the everyday basics. Keys of
/// <see cref="HealthReportResource"/>.
/// </summary>
public static class HealthReportAdvice
{
    public static IReadOnlyList<string> ActionKeys(HealthReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var keys = new List<string>();
        if (facts.Grade == HealthGrade.NotAssessed)
        {
            keys.Add("Action.CheckSensor");
        }

        if (facts.Incidents.Any(i => i.StateAtMonthEnd is not (IncidentState.Resolved or IncidentState.FalsePositive)))
        {
            keys.Add("Action.OpenIncidents");
        }

        keys.AddRange(facts.Items.Where(i => i.Detected).Select(i => $"Item.{i.Item}.Action"));
        keys.Add("Action.Updates");
        keys.Add("Action.Backups");
        return keys;
    }

    /// <summary>The resource key of the one-sentence explanation of the grade.</summary>
    public static string GradeExplanationKey(HealthGrade grade) => $"Grade.{grade}.Explain";
}
