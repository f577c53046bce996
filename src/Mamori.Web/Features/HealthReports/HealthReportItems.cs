using Mamori.Sensor.Detection;

namespace Mamori.Web.Features.HealthReports;

/// <summary>The six lines of 検出状況 in seed 003 図4.3.3-2, in the order the report prints them.</summary>
public enum HealthReportItem
{
    /// <summary>不審な通信: the company's own devices talking to attack sites (C&amp;C, malware, phishing, DNS tunnels).</summary>
    SuspiciousTraffic = 1,

    /// <summary>不審な外部行為: someone trying to get in (scans, password guessing, probing, floods).</summary>
    SuspiciousExternalActions = 2,

    /// <summary>不審な端末間のファイル転送: programs fetched or run in a way malware does (download-and-run, certutil, encoded PowerShell).</summary>
    SuspiciousFileTransfer = 3,

    /// <summary>セキュリティ的に好ましくない運用: passwords sent without encryption.</summary>
    UndesirableOperation = 4,

    /// <summary>特権ID実行: everyday use of administrator/admin/root accounts.</summary>
    PrivilegedIdUse = 5,

    /// <summary>セキュリティ上利用すべきでないソフトウェア: P2P file sharing, unapproved remote access, adware.</summary>
    BannedSoftware = 6,
}

/// <summary>
/// Which alert types feed which report item. Every <see cref="AlertType"/> feeds exactly one item
/// (checked by a test), so no finding is left out of the report.
/// </summary>
public static class HealthReportItems
{
    private static readonly Dictionary<AlertType, HealthReportItem> s_byType = new()
    {
        // 「攻撃サイトへの通信に絞って、社内からの検出結果」: our devices reaching out to attackers.
        [AlertType.KnownC2] = HealthReportItem.SuspiciousTraffic,
        [AlertType.DgaC2] = HealthReportItem.SuspiciousTraffic,
        [AlertType.MalwareSite] = HealthReportItem.SuspiciousTraffic,
        [AlertType.PhishingSite] = HealthReportItem.SuspiciousTraffic,
        [AlertType.DnsTunneling] = HealthReportItem.SuspiciousTraffic,

        // 「不正な入力を行う通信」: someone outside knocking, guessing or probing.
        [AlertType.PortScan] = HealthReportItem.SuspiciousExternalActions,
        [AlertType.UrlScan] = HealthReportItem.SuspiciousExternalActions,
        [AlertType.BruteForceFailure] = HealthReportItem.SuspiciousExternalActions,
        [AlertType.BruteForceSuccess] = HealthReportItem.SuspiciousExternalActions,
        [AlertType.ReverseBruteForce] = HealthReportItem.SuspiciousExternalActions,
        [AlertType.SynFlood] = HealthReportItem.SuspiciousExternalActions,

        // Both feed it: the sensor's SMB lateral-copy rule (a program copied into another PC's ADMIN$/C$)
        // and the host-log rules that see files fetched and started the way malware spreads (certutil/bitsadmin downloads,
        // download-and-run PowerShell, Office starting a shell).
        [AlertType.AbnormalProcess] = HealthReportItem.SuspiciousFileTransfer,

        [AlertType.PlaintextPassword] = HealthReportItem.UndesirableOperation,
        [AlertType.PrivilegedAccount] = HealthReportItem.PrivilegedIdUse,
        [AlertType.BannedSoftware] = HealthReportItem.BannedSoftware,
    };

    public static IReadOnlyList<HealthReportItem> All { get; } = Enum.GetValues<HealthReportItem>();

    /// <summary>The report item an alert type is shown under.</summary>
    public static HealthReportItem For(AlertType type) =>
        s_byType.TryGetValue(type, out var item) ? item : throw new ArgumentOutOfRangeException(nameof(type), type, "No report item for this alert type.");

    /// <summary>The alert types shown under an item.</summary>
    public static IReadOnlyList<AlertType> TypesOf(HealthReportItem item) =>
        s_byType.Where(p => p.Value == item).Select(p => p.Key).Order().ToList();

    /// <summary>Undesirable operations are counted apart from threats on the report.</summary>
    public static bool IsUndesirableOperation(HealthReportItem item) =>
        item is HealthReportItem.UndesirableOperation or HealthReportItem.PrivilegedIdUse or HealthReportItem.BannedSoftware;
}
