namespace Mamori.Sensor.Agent;

/// <summary>How <c>mamori sensor run</c> was asked to run.</summary>
public sealed class SensorAgentOptions
{
    /// <summary>Default bound of the on-disk queue: 256 MiB (about four days of a busy office's batches at the default intervals).</summary>
    public const long DefaultQueueMaxBytes = 256L * 1024 * 1024;

    /// <summary>The state directory (credential, queue, checkpoint, status).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Interface to capture from (live), or null when replaying.</summary>
    public string? Interface { get; init; }

    /// <summary>BPF filter for live capture.</summary>
    public string? Filter { get; init; }

    /// <summary>A pcap/pcapng file or a directory of them to replay instead of capturing live.</summary>
    public string? ReadPath { get; init; }

    /// <summary>Bound of the on-disk queue in bytes.</summary>
    public long QueueMaxBytes { get; init; } = DefaultQueueMaxBytes;

    /// <summary>Replay at most this many packets per second (0: as fast as possible). For labs and tests.</summary>
    public int ReplayPacketsPerSecond { get; init; }

    /// <summary>Seal a batch this often instead of the server's ship interval (labs and tests).</summary>
    public TimeSpan? ShipIntervalOverride { get; init; }

    /// <summary>Length of a counter interval instead of the server's (labs and tests).</summary>
    public TimeSpan? CounterIntervalOverride { get; init; }

    /// <summary>First retry delay after a failed send.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often threat-intelligence feeds are downloaded again.</summary>
    public TimeSpan IntelRefreshInterval { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>Exit codes of <c>mamori sensor</c> (documented in docs/sensor.md; systemd does not restart on 20–24).</summary>
public static class SensorExitCodes
{
    /// <summary>Done (replay finished and every batch acknowledged) or stopped by a signal.</summary>
    public const int Ok = 0;
    /// <summary>Bad arguments.</summary>
    public const int Usage = 1;
    /// <summary>Enrolment: the code does not exist (typo?).</summary>
    public const int InvalidCode = 10;
    /// <summary>Enrolment: the code expired; ask the operator for a new one.</summary>
    public const int ExpiredCode = 11;
    /// <summary>Enrolment: the code was already used.</summary>
    public const int AlreadyEnrolled = 12;
    /// <summary>Enrolment or run: the sensor was revoked by the operator.</summary>
    public const int Revoked = 13;
    /// <summary>Enrolment: the server could not be reached (network, DNS, TLS, server error).</summary>
    public const int Unreachable = 14;
    /// <summary>Enrolment: this state directory already holds a credential (use --force to replace it).</summary>
    public const int StateExists = 15;
    /// <summary>Run: not enrolled (no credential in the state directory).</summary>
    public const int NotEnrolled = 20;
    /// <summary>Run: the server does not accept the credential.</summary>
    public const int CredentialRejected = 21;
    /// <summary>Run: the sensor was revoked (403).</summary>
    public const int RunRevoked = 22;
    /// <summary>Run: the capture could not be opened or failed (interface missing, no permission, bad file).</summary>
    public const int CaptureFailed = 23;
    /// <summary>Enrolment or run: plain HTTP to a non-loopback server without --insecure-http.</summary>
    public const int InsecureServer = 24;
}
