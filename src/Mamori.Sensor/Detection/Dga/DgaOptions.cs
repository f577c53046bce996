namespace Mamori.Sensor.Detection.Dga;

/// <summary>DGA detector thresholds. A lone odd-looking name is not an alert: DGA malware tries many names and most do not exist.</summary>
public sealed class DgaOptions
{
    /// <summary>Score threshold; null uses the threshold chosen at training time.</summary>
    public float? Threshold { get; set; }

    /// <summary>Distinct generated-looking names answered NXDOMAIN that make a burst (from one client, in the window).</summary>
    public int NxDomainBurst { get; set; } = 10;

    /// <summary>Generated-looking NXDOMAIN names before a generated-looking name that resolves is reported as the C&amp;C being found.</summary>
    public int NxDomainBeforeResolved { get; set; } = 3;

    /// <summary>Window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Registered labels shorter than this are not scored (too little text to judge).</summary>
    public int MinLabelLength { get; set; } = 6;
}
