using System.Net;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Detection.BruteForce;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Tests.Detection.BruteForce;

public class BruteForceDetectorTests
{
    private static BruteForceDetector Create(int keys = 1000) => new(new BruteForceOptions(), keys);

    private static IEnumerable<MetadataEvent> Failures(int n, LoginProtocol protocol = LoginProtocol.Ftp, double spacing = 1, string src = "10.0.0.5", int users = 1) =>
        Enumerable.Range(0, n).Select(i => Ev.Login(i * spacing, src, "10.0.0.9", protocol, LoginResult.Failure, "user" + (i % users)));

    [Fact]
    public void OnEvent_OneBelowThreshold_NoAlert()
    {
        var alerts = Ev.Run(Create(), Failures(9));
        Assert.Empty(alerts);
    }

    [Fact]
    public void OnEvent_AtThreshold_OneAggregatedAlertWithCountAndEvidence()
    {
        var alerts = Ev.Run(Create(), Failures(41, users: 5));

        var alert = Assert.Single(alerts);
        Assert.Equal(AlertType.BruteForceFailure, alert.Type);
        Assert.Equal(KillChainStage.Reconnaissance, alert.KillChain);
        Assert.Equal(41, alert.Count);
        Assert.Equal("10.0.0.5", alert.Src.Ip);
        Assert.Equal("10.0.0.9", alert.Dst!.Ip);
        Assert.Equal("41 failed FTP logins for 5 user names from 10.0.0.5 to 10.0.0.9 in 40 s", alert.Evidence);
    }

    [Fact]
    public void OnEvent_SshUsesZeekDefaultOf30_29IsQuiet()
    {
        Assert.Empty(Ev.Run(Create(), Failures(29, LoginProtocol.Ssh)));
        Assert.Single(Ev.Run(Create(), Failures(30, LoginProtocol.Ssh)));
    }

    [Fact]
    public void OnEvent_WindowsLogonsUseWazuhDefaultOf8In240s()
    {
        Assert.Empty(Ev.Run(Create(), Failures(7, LoginProtocol.Ntlm)));
        Assert.Single(Ev.Run(Create(), Failures(8, LoginProtocol.Ntlm, spacing: 30)));
        // 8 failures spread over 8 × 40 s = 280 s never fit in one 240 s window.
        Assert.Empty(Ev.Run(Create(), Failures(8, LoginProtocol.Ntlm, spacing: 40)));
    }

    [Fact]
    public void OnEvent_SuccessAfterRun_RaisesBruteForceSuccess()
    {
        var events = Failures(12).Append(Ev.Login(13, "10.0.0.5", "10.0.0.9", LoginProtocol.Ftp, LoginResult.Success, "user0"));

        var alerts = Ev.Run(Create(), events);

        var success = Assert.Single(alerts, a => a.Type == AlertType.BruteForceSuccess);
        Assert.Equal(AlertSeverity.High, success.Severity);
        Assert.Equal(KillChainStage.ActionsOnObjectives, success.KillChain);
        Assert.Contains("after 12 failed attempts", success.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void OnEvent_SuccessWithoutRun_NoAlert()
    {
        var events = Failures(3).Append(Ev.Login(5, "10.0.0.5", "10.0.0.9", LoginProtocol.Ftp, LoginResult.Success));
        Assert.Empty(Ev.Run(Create(), events));
    }

    [Fact]
    public void OnEvent_ManyUsersFewTriesEach_IsReverseBruteForceNotBruteForce()
    {
        // Password spraying: 20 user names, one password each.
        var alerts = Ev.Run(Create(), Failures(20, users: 20));

        var alert = Assert.Single(alerts);
        Assert.Equal(AlertType.ReverseBruteForce, alert.Type);
        Assert.Equal(20, alert.Count);
        Assert.Contains("20 different user names", alert.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void OnEvent_SprayBelowUserThreshold_NoAlert()
    {
        Assert.Empty(Ev.Run(Create(), Failures(9, users: 9)));
    }

    [Fact]
    public void OnEvent_FloodOfRandomSources_StateBoundedAndEvictionsCounted()
    {
        var detector = Create(keys: 100);
        var random = new Random(7);
        var sink = new AlertAggregator();
        for (var i = 0; i < 10_000; i++)
        {
            var src = new IPAddress(random.Next()).ToString();
            detector.OnEvent(Ev.Login(i * 0.01, src, "10.0.0.9", LoginProtocol.Ftp, LoginResult.Failure), sink);
        }

        Assert.True(detector.Stats.TrackedKeys <= 200, $"tracked {detector.Stats.TrackedKeys}");
        Assert.True(detector.Stats.Evictions >= 19_000, $"evicted {detector.Stats.Evictions}");
        Assert.Equal(0, sink.Count);
    }
}
