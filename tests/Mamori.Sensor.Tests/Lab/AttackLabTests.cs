using Mamori.Lab;
using Mamori.Sensor.Detection;
using Xunit.Abstractions;

namespace Mamori.Sensor.Tests.Lab;

/// <summary>
/// Issue #4 acceptance: real attack programs in the lab's network namespaces, recorded by tcpdump,
/// run through the whole sensor pipeline; each attack must be reported with the right type,
/// attacker and victim, and ordinary traffic must raise no medium or high alert.
/// </summary>
public class AttackLabTests(ITestOutputHelper output)
{
    [LabTheory("portscan", "synflood", "bruteforce-ftp", "bruteforce-ssh", "bruteforce-pop3", "bruteforce-http-basic",
        "password-spray", "dns-tunnel", "url-scan", "dga-lookups", "intel-hits", "cleartext-logins", "banned-client",
        "telnet-login", "ftp-login", "mail-login", "bruteforce-kerberos", "smb-lateral")]
    [InlineData("portscan")]
    [InlineData("synflood")]
    [InlineData("bruteforce-ftp")]
    [InlineData("bruteforce-ssh")]
    [InlineData("bruteforce-pop3")]
    [InlineData("bruteforce-http-basic")]
    [InlineData("password-spray")]
    [InlineData("dns-tunnel")]
    [InlineData("url-scan")]
    [InlineData("dga-lookups")]
    [InlineData("intel-hits")]
    [InlineData("cleartext-logins")]
    [InlineData("banned-client")]
    [InlineData("telnet-login")]
    [InlineData("ftp-login")]
    [InlineData("mail-login")]
    [InlineData("bruteforce-kerberos")]
    [InlineData("smb-lateral")]
    public void Analyze_AttackScenario_ReportsEveryExpectedAlertWithAttackerAndVictim(string scenario)
    {
        var analysis = LabAnalysis.Of(scenario);
        output.WriteLine($"{scenario}: {analysis.Counters.Packets} packets, {analysis.Counters.Flows} flows, {analysis.Counters.Events} events");
        output.WriteLine(analysis.Describe());

        Assert.NotEmpty(analysis.Capture.Truth.Alerts);
        var missing = analysis.Capture.Truth.Alerts
            .Where(e => !analysis.Alerts.Any(a => LabAlertMatcher.Matches(a, e, analysis.Lookups)))
            .Select(LabAlertMatcher.Describe)
            .ToList();
        Assert.True(missing.Count == 0, $"{scenario}: not reported: {string.Join("; ", missing)}\nreported:\n{analysis.Describe()}");
    }

    [LabTheory("benign-mix", "dns-basic", "http-basic", "tls-basic", "ssh-login", "dhcp", "netbios-ns")]
    [InlineData("benign-mix")]
    [InlineData("dns-basic")]
    [InlineData("http-basic")]
    [InlineData("tls-basic")]
    [InlineData("ssh-login")]
    [InlineData("dhcp")]
    [InlineData("netbios-ns")]
    public void Analyze_BenignScenario_RaisesNoMediumOrHighAlert(string scenario)
    {
        var analysis = LabAnalysis.Of(scenario);
        output.WriteLine($"{scenario}: {analysis.Counters.Packets} packets, {analysis.Counters.Flows} flows, {analysis.Counters.Events} events");
        output.WriteLine(analysis.Describe());

        Assert.Equal("low", analysis.Capture.Truth.MaxSeverity);
        Assert.True(analysis.Counters.Events > 0, "the pipeline produced no event");
        var severe = analysis.Alerts.Where(a => a.Severity > AlertSeverity.Low).Select(LabAlertMatcher.Describe).ToList();
        Assert.True(severe.Count == 0, $"{scenario}: {string.Join("\n", severe)}");
    }

    [LabFact("ssh-login")]
    public void Analyze_SshLoginWithOneSuccessAfterThreeFailures_IsNotABruteForceSuccess()
    {
        var analysis = LabAnalysis.Of("ssh-login");

        Assert.DoesNotContain(analysis.Alerts, a => a.Type is AlertType.BruteForceSuccess or AlertType.BruteForceFailure);
    }

    [LabFact("bruteforce-ssh")]
    public void Analyze_SshBruteForceWithoutSuccess_RaisesNoBruteForceSuccess()
    {
        // Issue #4: sshd's DISCONNECT after MaxAuthTries was once inferred as a successful login.
        var analysis = LabAnalysis.Of("bruteforce-ssh");

        Assert.Equal(0, analysis.Capture.Truth.Facts.GetProperty("successfulLogins").GetInt32());
        Assert.DoesNotContain(analysis.Alerts, a => a.Type == AlertType.BruteForceSuccess);
    }

    [LabFact("dga-lookups")]
    public void Analyze_DgaLookups_NamesTheResolvedCommandAndControlAddress()
    {
        var analysis = LabAnalysis.Of("dga-lookups");
        var facts = analysis.Capture.Truth.Facts;

        var alert = Assert.Single(analysis.Alerts, a => a.Type == AlertType.DgaC2);
        Assert.Equal(facts.GetProperty("resolvedAddress").GetString(), alert.Dst?.Ip);
        Assert.Equal(facts.GetProperty("resolvedDgaName").GetString(), alert.Dst?.Name);
    }
}
