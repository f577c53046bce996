using System.ComponentModel.DataAnnotations;

namespace Mamori.Web.Features.Intel;

/// <summary>
/// The server's own use of the operator's threat-intelligence feeds (<c>Mamori:RetroHunt</c>): it
/// fetches the same feed URLs the sensors get and, whenever a feed names something new, hunts for
/// it in the name and flow summaries sensors have shipped.
/// </summary>
public sealed class RetroHuntOptions
{
    public const string SectionName = "Mamori:RetroHunt";

    /// <summary>Whether the server fetches feeds and hunts by itself (the analysts' page works either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each feed is fetched (abuse.ch asks for no more than every 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00", ErrorMessage = "Mamori:RetroHunt:RefreshInterval must be between 5 minutes and 7 days.")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the worker checks which feeds are due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Mamori:RetroHunt:CheckInterval must be between 1 second and 1 day.")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back a hunt looks in the stored summaries.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "400.00:00:00", ErrorMessage = "Mamori:RetroHunt:Lookback must be between 1 and 400 days.")]
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Time allowed for one feed download.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Mamori:RetroHunt:FetchTimeout must be between 1 second and 10 minutes.")]
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
