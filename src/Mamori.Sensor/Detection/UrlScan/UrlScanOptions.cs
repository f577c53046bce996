namespace Mamori.Sensor.Detection.UrlScan;

/// <summary>URL scan thresholds and patterns.</summary>
public sealed class UrlScanOptions
{
    /// <summary>4xx responses from one client to one server that make a scan burst (our default: 20).</summary>
    public int ClientErrors { get; set; } = 20;

    /// <summary>Window for the 4xx burst.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Extra path fragments (case-insensitive) that alone mark a probe.</summary>
    public IList<string> ExtraProbePaths { get; set; } = [];

    /// <summary>Extra user-agent fragments (case-insensitive) that mark a scanner.</summary>
    public IList<string> ExtraScannerAgents { get; set; } = [];
}
