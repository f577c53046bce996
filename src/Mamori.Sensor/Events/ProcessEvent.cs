namespace Mamori.Sensor.Events;

/// <summary>
/// A process start from host telemetry: Windows Security event 4688 or Sysmon event 1.
/// Carries the command line (analysts need it), which host logs may contain secrets in; reports
/// quote only the image names.
/// </summary>
public sealed record ProcessEvent : MetadataEvent
{
    /// <inheritdoc />
    public override string Kind => "process";

    /// <summary>Computer name as the log gives it.</summary>
    public string? Host { get; init; }

    /// <summary>User that started the process ("DOMAIN\\user").</summary>
    public string? User { get; init; }

    /// <summary>Full path of the new process image.</summary>
    public required string Image { get; init; }

    /// <summary>Command line, when auditing of command lines is on.</summary>
    public string? CommandLine { get; init; }

    /// <summary>Full path of the parent image.</summary>
    public string? ParentImage { get; init; }

    /// <summary>Parent command line (Sysmon only).</summary>
    public string? ParentCommandLine { get; init; }

    /// <summary>Process id.</summary>
    public long? ProcessId { get; init; }

    /// <summary>"security-4688" or "sysmon-1".</summary>
    public string Source { get; init; } = "";
}
