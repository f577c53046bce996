namespace Mamori.Sensor.Shipping;

/// <summary>
/// The sensor ↔ server HTTP contract, version 1. The agent (<c>mamori sensor</c>) and the
/// server's ingest API both use these routes and the records of this folder, so the two cannot drift.
/// </summary>
/// <remarks>
/// <para>Authentication: every call except <see cref="EnrollPath"/> carries
/// <c>Authorization: Bearer {sensorId}.{secret}</c> (the credential returned by enrolment).</para>
/// <para>Errors are RFC 9457 problem details whose <c>type</c> ends in one of the
/// <see cref="SensorApiErrors"/> codes, so the agent can tell a wrong code from an expired one.</para>
/// <para>Batches are idempotent by <see cref="SensorBatch.BatchId"/>: posting the same batch twice stores it
/// once and answers 200 both times (<see cref="BatchReceipt.Duplicate"/> true the second time).</para>
/// </remarks>
public static class SensorApi
{
    /// <summary>Version segment of every route.</summary>
    public const string Version = "v1";

    /// <summary>Route prefix.</summary>
    public const string Prefix = "/api/sensor/" + Version;

    /// <summary>POST <see cref="EnrollRequest"/> → <see cref="EnrollResponse"/>. Anonymous; the one-time code is the secret.</summary>
    public const string EnrollPath = Prefix + "/enroll";

    /// <summary>POST <see cref="SensorBatch"/> → <see cref="BatchReceipt"/>.</summary>
    public const string BatchesPath = Prefix + "/batches";

    /// <summary>GET → <see cref="SensorConfigurationDocument"/> (with an ETag; send If-None-Match).</summary>
    public const string ConfigurationPath = Prefix + "/configuration";

    /// <summary>POST (empty body) → <see cref="EnrollResponse"/> with a new secret; the old one stops working.</summary>
    public const string RotatePath = Prefix + "/rotate";

    /// <summary>
    /// Response header (value <c>true</c>) the server adds to a batch receipt while the operator wants the
    /// sensor's credential rotated: the agent then calls <see cref="RotatePath"/> and keeps the new credential.
    /// </summary>
    public const string RotateRequestedHeader = "Mamori-Rotate-Credential";

    /// <summary>Largest accepted batch body in bytes; larger is 413.</summary>
    public const int MaxBatchBytes = 4 * 1024 * 1024;

    /// <summary>Most items (alerts + counters + devices + names + flows) in one batch; more is 400.</summary>
    public const int MaxBatchItems = 20_000;
}

/// <summary>Machine-readable error codes of the sensor API (the last segment of a problem's <c>type</c>).</summary>
public static class SensorApiErrors
{
    /// <summary>The enrolment code does not exist (401).</summary>
    public const string InvalidCode = "invalid_code";

    /// <summary>The enrolment code is past its expiry (410).</summary>
    public const string ExpiredCode = "expired_code";

    /// <summary>The enrolment code was already used: a sensor enrols once (409).</summary>
    public const string AlreadyEnrolled = "already_enrolled";

    /// <summary>Missing or wrong credential (401).</summary>
    public const string InvalidCredential = "invalid_credential";

    /// <summary>The sensor was revoked by the operator (403).</summary>
    public const string Revoked = "revoked";

    /// <summary>The batch failed validation; nothing of it was stored (400).</summary>
    public const string InvalidBatch = "invalid_batch";

    /// <summary>Too many requests for this sensor (429, with Retry-After).</summary>
    public const string RateLimited = "rate_limited";
}

/// <summary>Body of <see cref="SensorApi.EnrollPath"/>.</summary>
/// <param name="Code">The one-time enrolment code from the installation sheet.</param>
/// <param name="HostName">The sensor machine's host name (shown to the operator).</param>
/// <param name="AgentVersion">The agent's version.</param>
public sealed record EnrollRequest(string Code, string HostName, string AgentVersion);

/// <summary>Answer of enrolment and rotation.</summary>
/// <param name="SensorId">The server's id of the sensor.</param>
/// <param name="Credential">The bearer credential <c>{sensorId}.{secret}</c>; the server keeps only a hash.</param>
/// <param name="CompanyName">The company the sensor now reports for (shown by the agent so the installer can check).</param>
/// <param name="SiteName">The site the sensor is installed at.</param>
public sealed record EnrollResponse(int SensorId, string Credential, string CompanyName, string SiteName);

/// <summary>Answer to an accepted batch.</summary>
/// <param name="BatchId">The batch's id, echoed.</param>
/// <param name="Duplicate">True when the server had already stored this batch (nothing stored twice).</param>
/// <param name="ConfigurationEtag">The current configuration's ETag: the agent re-fetches when it changes.</param>
public sealed record BatchReceipt(Guid BatchId, bool Duplicate, string ConfigurationEtag);

/// <summary>What the server tells a sensor to run with.</summary>
/// <param name="Detection">Detector thresholds, windows and lists, in the JSON of <c>mamori analyze --config</c>.</param>
/// <param name="IntelFeedUrls">Threat-intelligence feed URLs to refresh from (may be empty: the server can also push indicators).</param>
/// <param name="ShipIntervalSeconds">How often to send a batch (also the heartbeat).</param>
/// <param name="CounterIntervalSeconds">Length of a counter interval.</param>
public sealed record SensorConfigurationDocument(
    System.Text.Json.JsonElement Detection,
    IReadOnlyList<string> IntelFeedUrls,
    int ShipIntervalSeconds = 60,
    int CounterIntervalSeconds = 300);
