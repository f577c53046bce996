using System.Text.Json;
using System.Text.Json.Serialization;
using Mamori.Sensor.Shipping;

namespace Mamori.Sensor.Agent;

/// <summary>What enrolment stored: where to send, and the bearer credential (file mode 0600).</summary>
/// <param name="Server">The server's base URL.</param>
/// <param name="SensorId">The server's id of this sensor.</param>
/// <param name="Credential">Bearer credential <c>{sensorId}.{secret}</c>.</param>
/// <param name="CompanyName">Company the sensor reports for.</param>
/// <param name="SiteName">Site it is installed at.</param>
/// <param name="EnrolledAt">When enrolment succeeded.</param>
/// <param name="AllowHttp">Plain HTTP was allowed at enrolment (loopback or --insecure-http).</param>
public sealed record AgentCredential(
    Uri Server, int SensorId, string Credential, string CompanyName, string SiteName, DateTimeOffset EnrolledAt, bool AllowHttp = false);

/// <summary>Progress that must survive a crash, written after every batch is queued.</summary>
/// <param name="Sequence">Last batch sequence number used.</param>
/// <param name="CountersUntil">End of the last counter interval queued: a resumed replay does not count earlier packets again.</param>
/// <param name="ReplayedFiles">Replayed capture files whose every batch is queued (full path, length and modification time).</param>
public sealed record AgentCheckpoint(long Sequence, DateTimeOffset? CountersUntil, IReadOnlyList<string> ReplayedFiles);

/// <summary>The running agent's view of itself, for <c>mamori sensor status</c>.</summary>
public sealed record AgentStatus
{
    /// <summary>running, stopped, revoked, credential_rejected, capture_failed.</summary>
    public required string State { get; init; }

    /// <summary>When this status was written.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the agent started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Process id of the agent.</summary>
    public int ProcessId { get; init; }

    /// <summary>What it captures: interface or replayed path.</summary>
    public string? Source { get; init; }

    /// <summary>Last 200 receipt from the server.</summary>
    public DateTimeOffset? LastContact { get; init; }

    /// <summary>Last error, in plain words, with its time.</summary>
    public string? LastError { get; init; }

    /// <summary>When <see cref="LastError"/> happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>Batches sent and acknowledged since start.</summary>
    public long BatchesSent { get; init; }

    /// <summary>Batches waiting on disk.</summary>
    public int QueueDepth { get; init; }

    /// <summary>Bytes waiting on disk.</summary>
    public long QueueBytes { get; init; }

    /// <summary>Packets decoded since start.</summary>
    public long Packets { get; init; }

    /// <summary>Packets the capture dropped since start.</summary>
    public long CaptureDrops { get; init; }

    /// <summary>Alerts (distinct findings) since start.</summary>
    public int Alerts { get; init; }

    /// <summary>Items lost to the disk bound or to corrupt files, by kind.</summary>
    public IReadOnlyDictionary<string, long>? LostItems { get; init; }

    /// <summary>The configuration ETag in force.</summary>
    public string? ConfigurationEtag { get; init; }
}

/// <summary>The last configuration fetched, kept so a restart without the server runs with it.</summary>
/// <param name="Etag">Its ETag.</param>
/// <param name="Document">The document.</param>
public sealed record CachedConfiguration(string? Etag, SensorConfigurationDocument Document);

/// <summary>JSON of the agent's state files.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AgentCredential))]
[JsonSerializable(typeof(AgentCheckpoint))]
[JsonSerializable(typeof(AgentStatus))]
[JsonSerializable(typeof(CachedConfiguration))]
public sealed partial class AgentJsonContext : JsonSerializerContext;

/// <summary>
/// The agent's state directory (default <see cref="DefaultPath"/>, systemd's <c>StateDirectory=</c>):
/// <c>credential.json</c> (0600), <c>checkpoint.json</c>, <c>configuration.json</c>, <c>status.json</c>
/// and <c>queue/</c>. Every file is replaced atomically.
/// </summary>
public sealed class AgentStateDirectory
{
    /// <summary>Default state directory.</summary>
    public const string DefaultPath = "/var/lib/mamori-sensor";

    /// <summary>Creates (if needed) and opens the directory.</summary>
    public AgentStateDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>Full path.</summary>
    public string Path { get; }

    /// <summary>credential.json.</summary>
    public string CredentialPath => System.IO.Path.Combine(Path, "credential.json");

    /// <summary>checkpoint.json.</summary>
    public string CheckpointPath => System.IO.Path.Combine(Path, "checkpoint.json");

    /// <summary>configuration.json.</summary>
    public string ConfigurationPath => System.IO.Path.Combine(Path, "configuration.json");

    /// <summary>status.json.</summary>
    public string StatusPath => System.IO.Path.Combine(Path, "status.json");

    /// <summary>queue/.</summary>
    public string QueuePath => System.IO.Path.Combine(Path, "queue");

    /// <summary>Creates the directory, readable by its owner only.</summary>
    public void Create()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The credential, or null when not enrolled.</summary>
    public AgentCredential? ReadCredential() => Read(CredentialPath, AgentJsonContext.Default.AgentCredential);

    /// <summary>Stores the credential with mode 0600.</summary>
    public void WriteCredential(AgentCredential credential)
    {
        Create();
        AtomicFile.Write(CredentialPath, JsonSerializer.SerializeToUtf8Bytes(credential, AgentJsonContext.Default.AgentCredential), ownerOnly: true);
    }

    /// <summary>The checkpoint, or null.</summary>
    public AgentCheckpoint? ReadCheckpoint() => Read(CheckpointPath, AgentJsonContext.Default.AgentCheckpoint);

    /// <summary>Stores the checkpoint.</summary>
    public void WriteCheckpoint(AgentCheckpoint checkpoint) =>
        AtomicFile.Write(CheckpointPath, JsonSerializer.SerializeToUtf8Bytes(checkpoint, AgentJsonContext.Default.AgentCheckpoint));

    /// <summary>The cached configuration, or null.</summary>
    public CachedConfiguration? ReadConfiguration() => Read(ConfigurationPath, AgentJsonContext.Default.CachedConfiguration);

    /// <summary>Caches the configuration.</summary>
    public void WriteConfiguration(CachedConfiguration configuration) =>
        AtomicFile.Write(ConfigurationPath, JsonSerializer.SerializeToUtf8Bytes(configuration, AgentJsonContext.Default.CachedConfiguration));

    /// <summary>The last status the agent wrote, or null.</summary>
    public AgentStatus? ReadStatus() => Read(StatusPath, AgentJsonContext.Default.AgentStatus);

    /// <summary>Writes the status.</summary>
    public void WriteStatus(AgentStatus status) =>
        AtomicFile.Write(StatusPath, JsonSerializer.SerializeToUtf8Bytes(status, AgentJsonContext.Default.AgentStatus));

    private static T? Read<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), type) : null;
        }
        catch (JsonException)
        {
            return null; // a state file from an older agent or a bad disk: start as if absent
        }
    }
}
