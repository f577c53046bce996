using System.Text.Json.Serialization;
using Mamori.Sensor.Detection.BannedSoftware;
using Mamori.Sensor.Detection.BruteForce;
using Mamori.Sensor.Detection.Dga;
using Mamori.Sensor.Detection.DnsTunneling;
using Mamori.Sensor.Detection.LateralCopy;
using Mamori.Sensor.Detection.PortScan;
using Mamori.Sensor.Detection.SynFlood;
using Mamori.Sensor.Detection.UndesirableOperation;
using Mamori.Sensor.Detection.UrlScan;

namespace Mamori.Sensor.Detection;

/// <summary>
/// Every detector's thresholds and windows, with documented defaults (Zeek and Wazuh where they
/// have one). A plain class: bind it from configuration ("Detection" section) or read it from
/// JSON with <see cref="DetectionOptionsJsonContext"/>.
/// </summary>
public sealed class DetectionOptions
{
    /// <summary>Bound on keys each detector table holds; beyond it the least recently used are evicted (and counted).</summary>
    public int MaxTrackedKeys { get; set; } = 10_000;

    /// <summary>Distinct contacts kept for the threat-intelligence retro-hunt.</summary>
    public int ObservationCapacity { get; set; } = 100_000;

    /// <summary>How long contacts are kept for the retro-hunt.</summary>
    public TimeSpan ObservationRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>DNS tunnelling.</summary>
    public DnsTunnelingOptions DnsTunneling { get; set; } = new();

    /// <summary>DGA.</summary>
    public DgaOptions Dga { get; set; } = new();

    /// <summary>Brute force and spraying.</summary>
    public BruteForceOptions BruteForce { get; set; } = new();

    /// <summary>Port scans.</summary>
    public PortScanOptions PortScan { get; set; } = new();

    /// <summary>SYN flood.</summary>
    public SynFloodOptions SynFlood { get; set; } = new();

    /// <summary>URL scans.</summary>
    public UrlScanOptions UrlScan { get; set; } = new();

    /// <summary>Plaintext passwords and privileged accounts.</summary>
    public UndesirableOperationOptions UndesirableOperation { get; set; } = new();

    /// <summary>Banned software.</summary>
    public BannedSoftwareOptions BannedSoftware { get; set; } = new();

    /// <summary>Programs copied into another device's hidden share over SMB (reported as abnormal_process).</summary>
    public LateralCopyOptions LateralCopy { get; set; } = new();
}

/// <summary>Source-generated JSON for <see cref="DetectionOptions"/> (camelCase, comments and trailing commas allowed).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(DetectionOptions))]
public sealed partial class DetectionOptionsJsonContext : JsonSerializerContext;
