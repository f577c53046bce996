using System.ComponentModel.DataAnnotations;

namespace Mamori.Web.Features.HealthReports;

/// <summary>How monthly reports are generated (<c>Mamori:HealthReports</c>); grading rules are <see cref="HealthGradingRules"/>.</summary>
public sealed class HealthReportOptions
{
    public const string SectionName = "Mamori:HealthReports";

    /// <summary>Whether the monthly job runs (on the 1st, Japan time, for the previous month).</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>
    /// Days from the 1st within which a missed monthly run is still started (a server that was
    /// off on the 1st catches up on start-up); later the operator starts it by hand.
    /// </summary>
    [Range(1, 28)]
    public int CatchUpDays { get; set; } = 3;

    /// <summary>How often the job looks for a month to start and for pending reports.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Reports printed at the same time (Chromium pages in one browser).</summary>
    [Range(1, 16)]
    public int Parallelism { get; set; } = 3;
}
