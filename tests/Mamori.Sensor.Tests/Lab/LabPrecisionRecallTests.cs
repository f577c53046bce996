using Mamori.Lab;
using Xunit.Abstractions;

namespace Mamori.Sensor.Tests.Lab;

/// <summary>
/// Issue #4: per-type precision and recall over every lab capture, printed in the test output and
/// written to <c>artifacts/lab/lab-eval.md</c> (<c>bench/lab-eval.sh</c> runs this and prints it).
/// </summary>
public class LabPrecisionRecallTests(ITestOutputHelper output)
{
    /// <summary>Every scenario the lab has; a new one joins the figures by being added to tests/lab/scenarios.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = LabEnvironment.ScenarioNames();

    [LabFact("banned-client", "benign-mix", "bruteforce-ftp", "bruteforce-http-basic", "bruteforce-kerberos", "bruteforce-pop3", "bruteforce-ssh",
        "cleartext-logins", "dga-lookups", "dhcp", "dns-basic", "dns-tunnel", "ftp-login", "http-basic", "intel-hits",
        "kerberos-login", "mail-login", "netbios-ns", "password-spray", "portscan", "smb-lateral", "smb-ntlm", "ssh-login", "synflood", "telnet-login", "tls-basic", "url-scan")]
    public void Evaluate_AllLabScenarios_PrintsPrecisionAndRecallPerAlertType()
    {
        var evaluation = LabEvaluation.Evaluate(Scenarios.Select(LabAnalysis.Of));
        var report = evaluation.ToMarkdown();
        output.WriteLine(report);
        Directory.CreateDirectory(LabEnvironment.CacheDirectory);
        File.WriteAllText(Path.Combine(LabEnvironment.CacheDirectory, "lab-eval.md"), report);

        Assert.Equal(Scenarios.Count, evaluation.Analyses.Count);
        Assert.True(evaluation.Scores.Count >= 12, "the lab exercises at least twelve alert types");
        // Every alert a scenario expects is found (the per-scenario tests say which one is missing).
        Assert.All(evaluation.Scores, s => Assert.True(s.Recall is null or 1.0, $"{s.Type}: recall {s.Recall:P1}"));
        var truePositives = evaluation.Scores.Sum(s => s.TruePositives);
        var falsePositives = evaluation.Scores.Sum(s => s.FalsePositives);
        Assert.True(truePositives >= 9 * falsePositives, $"overall precision below 90 %: {truePositives} TP, {falsePositives} FP");
    }
}
