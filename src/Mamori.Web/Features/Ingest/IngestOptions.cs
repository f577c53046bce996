namespace Mamori.Web.Features.Ingest;

/// <summary>Configuration of the sensor API and its pipeline (section <c>Mamori:Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Mamori:Ingest";

    /// <summary>How long a new enrolment code stays valid.</summary>
    public TimeSpan EnrollmentCodeLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A sensor not heard from for this many hours is flagged "silent" to the operator.</summary>
    public int SilentAfterHours { get; set; } = 6;

    /// <summary>The server address printed on installation sheets; defaults to the request's own.</summary>
    public string? PublicUrl { get; set; }

    public IngestRateLimitOptions RateLimit { get; set; } = new();

    public RabbitMqOptions RabbitMq { get; set; } = new();
}

/// <summary>Per-sensor token bucket (<c>Mamori:Ingest:RateLimit</c>).</summary>
public sealed class IngestRateLimitOptions
{
    /// <summary>Requests a sensor may make per minute on average.</summary>
    public int PermitsPerMinute { get; set; } = 120;

    /// <summary>Requests a sensor may make at once (a sensor catching up after an outage).</summary>
    public int Burst { get; set; } = 60;

    /// <summary>Enrolment attempts per minute from one client address (guessing codes is pointless, and slow).</summary>
    public int EnrollPermitsPerMinute { get; set; } = 30;
}

/// <summary>
/// RabbitMQ between the ingest API and the processing workers (<c>Mamori:Ingest:RabbitMq</c>). Off
/// unless <see cref="Uri"/> is set; then every server process both publishes and consumes.
/// </summary>
public sealed class RabbitMqOptions
{
    /// <summary>amqp://user:password@host:port/vhost; empty = in-process pipeline.</summary>
    public string? Uri { get; set; }

    /// <summary>The quorum queue the batches go through.</summary>
    public string Queue { get; set; } = "mamori.sensor-batches";

    /// <summary>Batches a worker takes at once (prefetch).</summary>
    public ushort Prefetch { get; set; } = 16;

    /// <summary>Consumers per server process; 0 = publish only (a pure API node).</summary>
    public int Workers { get; set; } = 2;

    /// <summary>How long the API waits for the broker's confirm before answering 503.</summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Uri);
}
