using System.ComponentModel.DataAnnotations;

namespace Mamori.Web.Features.Devices;

/// <summary>Configuration section <c>Mamori:Devices</c>.</summary>
public sealed class DeviceInventoryOptions
{
    public const string SectionName = "Mamori:Devices";

    /// <summary>The IEEE MA-L registry as Debian's ieee-data package installs it.</summary>
    [Required]
    public string OuiFile { get; set; } = "/usr/share/ieee-data/oui.csv";

    /// <summary>How often the worker looks for new observations.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Observations folded in per transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Set false to stop the background worker (tests call the handler directly).</summary>
    public bool WorkerEnabled { get; set; } = true;
}
