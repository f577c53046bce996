namespace Mamori.Sensor.Detection.PortScan;

/// <summary>Port scan thresholds; defaults are Zeek's scan policy (policy/misc/scan.zeek).</summary>
public sealed class PortScanOptions
{
    /// <summary>Vertical scan: distinct ports on one host (Zeek <c>Scan::port_scan_threshold</c> = 15).</summary>
    public int VerticalPorts { get; set; } = 15;

    /// <summary>Horizontal scan: distinct hosts on one port (Zeek <c>Scan::addr_scan_threshold</c> = 25).</summary>
    public int HorizontalHosts { get; set; } = 25;

    /// <summary>Window (Zeek's scan intervals are 5 min).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
