using System.ComponentModel.DataAnnotations;

namespace Mamori.Web.Features.HealthReports;

/// <summary>
/// The overall grade of the monthly security health check (セキュリティ健康診断書, seed 003
/// 図4.3.3-2): A = 良好, B = 所見あり (要確認), C = 不良 (要経過観察), D = 問題あり (要対策).
/// </summary>
public enum HealthGrade
{
    /// <summary>The sensor saw too little of the month to say anything (not part of the seed's scale).</summary>
    NotAssessed = 0,
    A = 1,
    B = 2,
    C = 3,
    D = 4,
}

/// <summary>What happened at one company in one month, as far as grading needs to know.</summary>
public sealed record MonthFacts
{
    /// <summary>Days of the month on which the company's sensors reported in.</summary>
    public int MonitoredDays { get; init; }

    /// <summary>High-severity incidents still open at the end of the month.</summary>
    public int OpenHighIncidents { get; init; }

    /// <summary>Medium-severity incidents still open at the end of the month.</summary>
    public int OpenMediumIncidents { get; init; }

    /// <summary>Low-severity incidents still open at the end of the month.</summary>
    public int OpenLowIncidents { get; init; }

    /// <summary>High-severity incidents opened during the month and resolved (not false positives).</summary>
    public int ResolvedHighIncidents { get; init; }

    /// <summary>Medium-severity incidents opened during the month and resolved (not false positives).</summary>
    public int ResolvedMediumIncidents { get; init; }

    /// <summary>Undesirable operation findings: passwords sent in clear.</summary>
    public int PlaintextPasswordFindings { get; init; }

    /// <summary>Everyday use of privileged accounts (administrator, admin, root ...).</summary>
    public int PrivilegedAccountFindings { get; init; }

    /// <summary>Software that should not be used (P2P, unapproved remote access ...).</summary>
    public int BannedSoftwareFindings { get; init; }
}

/// <summary>Thresholds an operator may tune; the defaults are the rules written in the README.</summary>
public sealed class HealthGradingRules
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Mamori:HealthReports:Grading";

    /// <summary>Fewer monitored days than this and the month is not graded.</summary>
    [Range(0, 31)]
    public int MinimumMonitoredDays { get; set; } = 7;

    /// <summary>Open high-severity incidents at month end that make the grade D.</summary>
    [Range(1, 1000)]
    public int OpenHighForD { get; set; } = 1;

    /// <summary>Open medium-severity incidents at month end that make the grade at least C.</summary>
    [Range(1, 1000)]
    public int OpenMediumForC { get; set; } = 1;

    /// <summary>Resolved high-severity incidents in the month that make the grade at least C (still to be watched).</summary>
    [Range(1, 1000)]
    public int ResolvedHighForC { get; set; } = 1;

    /// <summary>Undesirable-operation findings (all three kinds together) that make the grade at least B.</summary>
    [Range(1, 100000)]
    public int UndesirableOperationsForB { get; set; } = 1;
}

/// <summary>Why a grade was given: one entry per rule that fired, worst first.</summary>
public enum HealthGradeReason
{
    TooFewMonitoredDays,
    OpenHighIncident,
    OpenMediumIncident,
    ResolvedHighIncident,
    ResolvedMediumIncident,
    OpenLowIncident,
    UndesirableOperation,
}

/// <summary>A grade and the reasons behind it.</summary>
public sealed record HealthAssessment(HealthGrade Grade, IReadOnlyList<HealthGradeReason> Reasons);

/// <summary>The grading rules of the monthly report, as one pure function of the month's facts.</summary>
public static class HealthGrading
{
    /// <summary>Grades a month. The worst rule that fires decides; every rule that fired is listed.</summary>
    public static HealthAssessment Assess(MonthFacts facts, HealthGradingRules rules)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rules);

        if (facts.MonitoredDays < rules.MinimumMonitoredDays)
        {
            return new(HealthGrade.NotAssessed, [HealthGradeReason.TooFewMonitoredDays]);
        }

        var grade = HealthGrade.A;
        var reasons = new List<HealthGradeReason>();
        void Fire(bool condition, HealthGrade atLeast, HealthGradeReason reason)
        {
            if (condition)
            {
                reasons.Add(reason);
                grade = (HealthGrade)Math.Max((int)grade, (int)atLeast);
            }
        }

        // An open high incident below the operator's D threshold is still at least "to watch".
        Fire(facts.OpenHighIncidents > 0, facts.OpenHighIncidents >= rules.OpenHighForD ? HealthGrade.D : HealthGrade.C, HealthGradeReason.OpenHighIncident);
        Fire(facts.OpenMediumIncidents >= rules.OpenMediumForC, HealthGrade.C, HealthGradeReason.OpenMediumIncident);
        Fire(facts.ResolvedHighIncidents >= rules.ResolvedHighForC, HealthGrade.C, HealthGradeReason.ResolvedHighIncident);
        Fire(facts.ResolvedMediumIncidents > 0, HealthGrade.B, HealthGradeReason.ResolvedMediumIncident);
        Fire(facts.OpenLowIncidents > 0, HealthGrade.B, HealthGradeReason.OpenLowIncident);
        var undesirable = facts.PlaintextPasswordFindings + facts.PrivilegedAccountFindings + facts.BannedSoftwareFindings;
        Fire(undesirable >= rules.UndesirableOperationsForB, HealthGrade.B, HealthGradeReason.UndesirableOperation);

        return new(grade, reasons);
    }
}
