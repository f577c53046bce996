using System.Globalization;
using Mamori.Lab;

namespace Mamori.Lab.Tests;

/// <summary>
/// Sanity tests of the lab itself: each scenario records a non-empty capture that tshark reads and that
/// contains what its truth file claims. They run as root with the Debian packages of
/// tests/lab/install-deps.sh; otherwise they are skipped with the reason.
/// </summary>
public class ScenarioTests
{
    // The alert ids of the detection contract (issue 4).
    private static readonly HashSet<string> s_alertTypes =
    [
        "dns_tunneling", "brute_force_success", "syn_flood", "known_c2", "dga_c2", "malware_site",
        "abnormal_process", "brute_force_failure", "reverse_brute_force", "port_scan", "url_scan",
        "phishing_site", "plaintext_password", "privileged_account", "banned_software",
    ];

    [LabFact("banned-client", Tools = ["tshark:tshark"])]
    public void BannedClient_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("banned-client");

    [LabFact("benign-mix", Tools = ["tshark:tshark"])]
    public void BenignMix_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("benign-mix");

    [LabFact("bruteforce-ftp", Tools = ["tshark:tshark"])]
    public void BruteforceFtp_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("bruteforce-ftp");

    [LabFact("bruteforce-http-basic", Tools = ["tshark:tshark"])]
    public void BruteforceHttpBasic_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("bruteforce-http-basic");

    [LabFact("bruteforce-pop3", Tools = ["tshark:tshark"])]
    public void BruteforcePop3_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("bruteforce-pop3");

    [LabFact("bruteforce-kerberos", Tools = ["tshark:tshark"])]
    public void BruteforceKerberos_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("bruteforce-kerberos");

    [LabFact("bruteforce-ssh", Tools = ["tshark:tshark"])]
    public void BruteforceSsh_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("bruteforce-ssh");

    [LabFact("cleartext-logins", Tools = ["tshark:tshark"])]
    public void CleartextLogins_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("cleartext-logins");

    [LabFact("dga-lookups", Tools = ["tshark:tshark"])]
    public void DgaLookups_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("dga-lookups");

    [LabFact("dhcp", Tools = ["tshark:tshark"])]
    public void Dhcp_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("dhcp");

    [LabFact("dns-basic", Tools = ["tshark:tshark"])]
    public void DnsBasic_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("dns-basic");

    [LabFact("dns-tunnel", Tools = ["tshark:tshark"])]
    public void DnsTunnel_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("dns-tunnel");

    [LabFact("ftp-login", Tools = ["tshark:tshark"])]
    public void FtpLogin_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("ftp-login");

    [LabFact("http-basic", Tools = ["tshark:tshark"])]
    public void HttpBasic_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("http-basic");

    [LabFact("intel-hits", Tools = ["tshark:tshark"])]
    public void IntelHits_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("intel-hits");

    [LabFact("kerberos-login", Tools = ["tshark:tshark"])]
    public void KerberosLogin_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("kerberos-login");

    [LabFact("mail-login", Tools = ["tshark:tshark"])]
    public void MailLogin_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("mail-login");

    [LabFact("netbios-ns", Tools = ["tshark:tshark"])]
    public void NetbiosNs_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("netbios-ns");

    [LabFact("password-spray", Tools = ["tshark:tshark"])]
    public void PasswordSpray_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("password-spray");

    [LabFact("portscan", Tools = ["tshark:tshark"])]
    public void Portscan_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("portscan");

    [LabFact("smb-lateral", Tools = ["tshark:tshark"])]
    public void SmbLateral_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("smb-lateral");

    [LabFact("smb-ntlm", Tools = ["tshark:tshark"])]
    public void SmbNtlm_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("smb-ntlm");

    [LabFact("ssh-login", Tools = ["tshark:tshark"])]
    public void SshLogin_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("ssh-login");

    [LabFact("synflood", Tools = ["tshark:tshark"])]
    public void Synflood_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("synflood");

    [LabFact("telnet-login", Tools = ["tshark:tshark"])]
    public void TelnetLogin_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("telnet-login");

    [LabFact("tls-basic", Tools = ["tshark:tshark"])]
    public void TlsBasic_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("tls-basic");

    [LabFact("url-scan", Tools = ["tshark:tshark"])]
    public void UrlScan_Recorded_CaptureMatchesTruth() => AssertCaptureMatchesTruth("url-scan");

    private static void AssertCaptureMatchesTruth(string scenario)
    {
        var capture = LabCaptures.Get(scenario);
        var truth = capture.Truth;

        Assert.Equal(scenario, truth.Scenario);
        Assert.True(new FileInfo(capture.PcapPath).Length > 24, $"{capture.PcapPath} holds no packet");
        Assert.NotEmpty(truth.Checks);

        var failures = new List<string>();
        var counts = Tshark.CountEach(capture.PcapPath, truth.Checks.Select(c => c.Filter).Prepend("frame").ToArray());
        Assert.True(counts[0] > 0, "tshark reads no packet");
        foreach (var (check, matches) in truth.Checks.Zip(counts.Skip(1)))
        {
            if (!check.IsSatisfiedBy(matches))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{check.Name}: expected {check.Expectation} packets, tshark found {matches} for [{check.Filter}]"));
            }
        }

        Assert.True(failures.Count == 0, $"{scenario} ({capture.PcapPath}):\n" + string.Join('\n', failures));
        AssertTruthIsConsistent(truth);
        Assert.All(truth.Files.Keys, key => Assert.True(File.Exists(capture.File(key)), $"missing side file {key}"));
    }

    private static void AssertTruthIsConsistent(LabTruth truth)
    {
        var addresses = truth.Hosts.Values.ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(addresses);
        if (truth.Attacker is not null)
        {
            Assert.Contains(truth.Attacker, addresses);
        }

        if (truth.Victim is not null)
        {
            Assert.Contains(truth.Victim, addresses);
        }

        foreach (var alert in truth.Alerts)
        {
            Assert.Contains(alert.Type, s_alertTypes);
            Assert.Contains(alert.Src, addresses);
            if (alert.Dst is not null)
            {
                Assert.Contains(alert.Dst, addresses);
            }
        }

        if (truth.MaxSeverity == "low")
        {
            Assert.Empty(truth.Alerts);
        }
    }
}
