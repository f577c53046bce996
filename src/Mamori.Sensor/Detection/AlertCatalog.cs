namespace Mamori.Sensor.Detection;

/// <summary>Fixed facts per alert type: kill-chain stage (seed 003 表3.3.2-2) and default severity.</summary>
public static class AlertCatalog
{
    /// <summary>Kill-chain stage of an alert type, as the pilot's alert table groups them.</summary>
    public static KillChainStage StageOf(AlertType type) => type switch
    {
        AlertType.DnsTunneling or AlertType.BruteForceSuccess or AlertType.SynFlood => KillChainStage.ActionsOnObjectives,
        AlertType.KnownC2 or AlertType.DgaC2 => KillChainStage.CommandAndControl,
        AlertType.MalwareSite => KillChainStage.Delivery,
        AlertType.AbnormalProcess => KillChainStage.Exploitation,
        AlertType.BruteForceFailure or AlertType.ReverseBruteForce or AlertType.PortScan
            or AlertType.UrlScan or AlertType.PhishingSite => KillChainStage.Reconnaissance,
        _ => KillChainStage.None,
    };

    /// <summary>The JSON id of a type ("dns_tunneling", ...).</summary>
    public static string IdOf(AlertType type) => type switch
    {
        AlertType.DnsTunneling => "dns_tunneling",
        AlertType.BruteForceSuccess => "brute_force_success",
        AlertType.SynFlood => "syn_flood",
        AlertType.KnownC2 => "known_c2",
        AlertType.DgaC2 => "dga_c2",
        AlertType.MalwareSite => "malware_site",
        AlertType.AbnormalProcess => "abnormal_process",
        AlertType.BruteForceFailure => "brute_force_failure",
        AlertType.ReverseBruteForce => "reverse_brute_force",
        AlertType.PortScan => "port_scan",
        AlertType.UrlScan => "url_scan",
        AlertType.PhishingSite => "phishing_site",
        AlertType.PlaintextPassword => "plaintext_password",
        AlertType.PrivilegedAccount => "privileged_account",
        AlertType.BannedSoftware => "banned_software",
        _ => type.ToString(),
    };
}
