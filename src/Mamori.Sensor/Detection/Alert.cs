using System.Text.Json.Serialization;

namespace Mamori.Sensor.Detection;

/// <summary>
/// The alert types: the twelve security events of the pilot (seed 003 表3.3.2-2) and the three
/// undesirable operations. The JSON names are the contract shared with the web app.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertType>))]
public enum AlertType
{
    /// <summary>DNS tunnelling (DNS トンネリング攻撃).</summary>
    [JsonStringEnumMemberName("dns_tunneling")] DnsTunneling,
    /// <summary>Login success after a brute-force run (ブルートフォース攻撃によるログイン成功).</summary>
    [JsonStringEnumMemberName("brute_force_success")] BruteForceSuccess,
    /// <summary>SYN flood (SYN Flood 攻撃の検知).</summary>
    [JsonStringEnumMemberName("syn_flood")] SynFlood,
    /// <summary>Traffic to a known C&amp;C server (既知の C&amp;C サーバーへの通信).</summary>
    [JsonStringEnumMemberName("known_c2")] KnownC2,
    /// <summary>Traffic to DGA-generated C&amp;C names (DGA による C&amp;C サーバーへの通信).</summary>
    [JsonStringEnumMemberName("dga_c2")] DgaC2,
    /// <summary>Access to a malware distribution site (マルウェア配布サイトへのアクセス).</summary>
    [JsonStringEnumMemberName("malware_site")] MalwareSite,
    /// <summary>Abnormal process execution (異常なプロセスの実行).</summary>
    [JsonStringEnumMemberName("abnormal_process")] AbnormalProcess,
    /// <summary>Brute-force login failures (ブルートフォース攻撃によるログイン失敗).</summary>
    [JsonStringEnumMemberName("brute_force_failure")] BruteForceFailure,
    /// <summary>Reverse brute force / password spraying (リバースブルートフォース攻撃).</summary>
    [JsonStringEnumMemberName("reverse_brute_force")] ReverseBruteForce,
    /// <summary>Port scan (ポートスキャン).</summary>
    [JsonStringEnumMemberName("port_scan")] PortScan,
    /// <summary>URL scan (URL スキャン).</summary>
    [JsonStringEnumMemberName("url_scan")] UrlScan,
    /// <summary>Access to a phishing site (フィッシングサイトへのアクセス).</summary>
    [JsonStringEnumMemberName("phishing_site")] PhishingSite,
    /// <summary>A password sent without encryption (undesirable operation).</summary>
    [JsonStringEnumMemberName("plaintext_password")] PlaintextPassword,
    /// <summary>Everyday use of a privileged account (undesirable operation).</summary>
    [JsonStringEnumMemberName("privileged_account")] PrivilegedAccount,
    /// <summary>Software the company should not use (undesirable operation).</summary>
    [JsonStringEnumMemberName("banned_software")] BannedSoftware,
}

/// <summary>Cyber kill chain stage as the pilot's alert table groups the events.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KillChainStage>))]
public enum KillChainStage
{
    /// <summary>Not an attack stage: the undesirable operations of .</summary>
    [JsonStringEnumMemberName("none")] None,
    /// <summary>偵察.</summary>
    [JsonStringEnumMemberName("reconnaissance")] Reconnaissance,
    /// <summary>デリバリー.</summary>
    [JsonStringEnumMemberName("delivery")] Delivery,
    /// <summary>エクスプロイト.</summary>
    [JsonStringEnumMemberName("exploitation")] Exploitation,
    /// <summary>C &amp; C.</summary>
    [JsonStringEnumMemberName("command_and_control")] CommandAndControl,
    /// <summary>目的の実行.</summary>
    [JsonStringEnumMemberName("actions_on_objectives")] ActionsOnObjectives,
}

/// <summary>危険度.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertSeverity>))]
public enum AlertSeverity
{
    /// <summary>低.</summary>
    [JsonStringEnumMemberName("low")] Low,
    /// <summary>中.</summary>
    [JsonStringEnumMemberName("medium")] Medium,
    /// <summary>高.</summary>
    [JsonStringEnumMemberName("high")] High,
}

/// <summary>One side of an alert: address, port and name, each where known.</summary>
/// <param name="Ip">IP address as text, or null (a host log names only a computer).</param>
/// <param name="Port">Transport port, or null.</param>
/// <param name="Name">DNS name, URL host, computer name or user-facing label, or null.</param>
public sealed record AlertEndpoint(string? Ip, int? Port = null, string? Name = null);

/// <summary>
/// What a detector concluded. Repeats of the same finding are aggregated into one alert with a
/// count and a last-seen time (see <see cref="AlertAggregator"/>); the evidence sentence says what a
/// human needs to believe it, and never carries a password or payload.
/// </summary>
public sealed record Alert
{
    /// <summary>Alert type id.</summary>
    public required AlertType Type { get; init; }

    /// <summary>Kill-chain stage (fixed per type, see <see cref="AlertCatalog"/>).</summary>
    public required KillChainStage KillChain { get; init; }

    /// <summary>Severity.</summary>
    public required AlertSeverity Severity { get; init; }

    /// <summary>The side that acted (attacker, infected host, user).</summary>
    public required AlertEndpoint Src { get; init; }

    /// <summary>The side acted upon (victim, C&amp;C server, site), or null.</summary>
    public AlertEndpoint? Dst { get; init; }

    /// <summary>Time of the first event the alert covers.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>Time of the last event the alert covers.</summary>
    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>Number of events (attempts, queries, requests) the alert covers.</summary>
    public required long Count { get; init; }

    /// <summary>A sentence a human can check, e.g. "41 failed FTP logins for 23 user names ...".</summary>
    public required string Evidence { get; init; }

    /// <summary>
    /// Aggregation key chosen by the detector (type + who + what). Two alerts with the same key are
    /// the same finding. Not part of the JSON contract.
    /// </summary>
    [JsonIgnore]
    public string Key { get; init; } = "";

    /// <summary>Creates an alert whose stage comes from the catalogue.</summary>
    public static Alert Create(
        AlertType type,
        AlertSeverity severity,
        AlertEndpoint src,
        AlertEndpoint? dst,
        DateTimeOffset firstSeen,
        DateTimeOffset lastSeen,
        long count,
        string evidence,
        string key) => new()
        {
            Type = type,
            KillChain = AlertCatalog.StageOf(type),
            Severity = severity,
            Src = src,
            Dst = dst,
            FirstSeen = firstSeen,
            LastSeen = lastSeen,
            Count = count,
            Evidence = evidence,
            Key = key,
        };
}

/// <summary>Receives alerts from detectors.</summary>
/// <remarks>
/// A plain interface rather than a generic struct callback: alerts are rare next to events, so
/// the interface call is not on the hot path, and detectors stay easy to compose.
/// </remarks>
public interface IAlertSink
{
    /// <summary>Called for each new alert or updated snapshot of an alert with the same key.</summary>
    void OnAlert(Alert alert);
}
