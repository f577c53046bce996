namespace Mamori.Sensor.Detection.LateralCopy;

/// <summary>
/// Lateral copy over SMB: a program or script written into a hidden share (ADMIN$, C$, any name
/// ending in '$') of another device, the way PsExec, Impacket and worms start programs on another PC.
/// </summary>
public sealed class LateralCopyOptions
{
    /// <summary>
    /// File name endings that are programs or scripts (case-insensitive): .exe .dll .scr .ps1 .bat
    /// .cmd .vbs .js .hta .msi .sys — what PsExec (PSEXESVC.exe), Impacket (random .exe/.bat) and
    /// worms drop before they start a service or a scheduled task on the target.
    /// </summary>
    public IList<string> Extensions { get; set; } = [".exe", ".dll", ".scr", ".ps1", ".bat", ".cmd", ".vbs", ".js", ".hta", ".msi", ".sys"];

    /// <summary>
    /// Clients allowed to copy programs into hidden shares (addresses such as "10.0.0.5" or networks
    /// such as "10.0.0.0/29"): the company's management or software-distribution server. Empty by default.
    /// </summary>
    public IList<string> AllowedClients { get; set; } = [];

    /// <summary>
    /// Copies by one client into one share of one device that follow each other within this time are
    /// one alert with a file count: 1 hour (a PsExec run against many files, or a worm retrying).
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}
