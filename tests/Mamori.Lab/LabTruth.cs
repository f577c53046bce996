using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mamori.Lab;

/// <summary>
/// The ground truth a scenario writes beside its capture (<c>tests/lab/scenarios/NAME.sh</c> → <c>NAME.truth.json</c>).
/// </summary>
/// <remarks>
/// <see cref="Alerts"/> lists the alerts Mamori must report (type, attacker, victim). When
/// <see cref="MaxSeverity"/> is set, no alert above that severity may be reported (benign scenarios
/// say <c>low</c>). <see cref="Checks"/> are tshark display filters with the number of packets the
/// scenario knows must match; the lab's own sanity tests run them. <see cref="Facts"/> holds
/// scenario-specific ground truth (user names, counts, DGA names, DHCP leases...).
/// </remarks>
public sealed record LabTruth
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public required string Scenario { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Role → IPv4 address of the lab hosts involved (client, server, attacker, web, dns...).</summary>
    public IReadOnlyDictionary<string, string> Hosts { get; init; } = new Dictionary<string, string>();

    /// <summary>The attacking (or infected) host's address, when the scenario has one.</summary>
    public string? Attacker { get; init; }

    /// <summary>The attacked host's address, when the scenario has one.</summary>
    public string? Victim { get; init; }

    /// <summary>Application protocol(s), comma-separated: <c>ftp</c>, <c>dns,http,tls</c>...</summary>
    public string Protocol { get; init; } = "";

    public IReadOnlyList<ExpectedAlert> Alerts { get; init; } = [];

    /// <summary><c>low</c> for benign scenarios; null when any severity is acceptable.</summary>
    public string? MaxSeverity { get; init; }

    public IReadOnlyList<TruthCheck> Checks { get; init; } = [];

    /// <summary>Side files beside the capture, key → file name (e.g. threat-intelligence feeds).</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>Scenario-specific facts; read with <see cref="JsonElement"/> accessors.</summary>
    public JsonElement Facts { get; init; }

    public static LabTruth Parse(string json)
    {
        var truth = JsonSerializer.Deserialize<LabTruth>(json, s_options)
            ?? throw new FormatException("The truth file is the JSON literal null.");
        foreach (var check in truth.Checks)
        {
            if (check.Count is null == check.AtLeast is null)
            {
                throw new FormatException($"Check '{check.Name}' of '{truth.Scenario}' must have exactly one of count and atLeast.");
            }
        }

        return truth;
    }

    public static LabTruth Load(string path) => Parse(File.ReadAllText(path));
}

/// <summary>An alert Mamori must report for the scenario. <see cref="Dst"/> is null for a horizontal scan.</summary>
public sealed record ExpectedAlert(string Type, string Src, string? Dst, int? DstPort);

/// <summary>A tshark display filter and how many packets of the capture must match it.</summary>
public sealed record TruthCheck(string Name, string Filter, int? Count, int? AtLeast)
{
    public bool IsSatisfiedBy(int matches) => Count is { } exact ? matches == exact : matches >= AtLeast;

    [JsonIgnore]
    public string Expectation => Count is { } exact ? $"exactly {exact}" : $"at least {AtLeast}";
}
