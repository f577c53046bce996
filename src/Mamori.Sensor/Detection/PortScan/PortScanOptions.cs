namespace Mamori.Sensor.Detection.PortScan;

/// <summary>Port scan thresholds; defaults are Zeek's scan policy (policy/misc/scan.zeek).</summary>
public sealed class PortScanOptions
{
    /// <summary>Vertical scan: distinct ports on one host (Zeek <c>Scan::port_scan_threshold</c> = 15).</summary>
    public int VerticalPorts { get; set; } = 15;

    /// <summary>Horizontal scan: distinct hosts on one port (Zeek <c>Scan::addr_scan_threshold</c> = 25).</summary>
    public int HorizontalHosts { get; set; } = 25;

    /// <summary>
    /// Sweep: hosts on which one source probed at least <see cref="SweepPorts"/> ports each (our
    /// default: 4). Catches <c>nmap -p 22,80,445 10.0.0.0/24</c> in an office network far smaller
    /// than the 25 hosts Zeek's per-port threshold was tuned for.
    /// </summary>
    public int SweepHosts { get; set; } = 4;

    /// <summary>Failed ports per host for a host to count towards <see cref="SweepHosts"/> (our default: 3).</summary>
    public int SweepPorts { get; set; } = 3;

    /// <summary>Window (Zeek's scan intervals are 5 min).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
