using Mamori.Sensor.Detection;
using Mamori.Sensor.Detection.ThreatIntel;
using Mamori.Sensor.Events;
using Mamori.Sensor.Intel;

namespace Mamori.Sensor.Tests.Detection.ThreatIntel;

public class ThreatIntelDetectorTests
{
    private static readonly ThreatIntelSet s_intel = new(
    [
        new Indicator(IndicatorKind.Ip, "198.51.100.77", IntelCategory.C2, "feodotracker", "Emotet"),
        new Indicator(IndicatorKind.Domain, "evil-cdn.example", IntelCategory.MalwareSite, "threatfox"),
        new Indicator(IndicatorKind.Hostname, "login-bank.example.net", IntelCategory.Phishing, "openphish"),
        new Indicator(IndicatorKind.Url, "http://files.example.org/payload.exe", IntelCategory.MalwareSite, "urlhaus"),
    ]);

    private static (IReadOnlyList<Alert> Alerts, ObservationLog Log) Run(params MetadataEvent[] events)
    {
        var log = new ObservationLog(100, TimeSpan.FromDays(1));
        var alerts = Ev.Run(new ThreatIntelDetector(() => s_intel, log, 100), events);
        return (alerts, log);
    }

    [Fact]
    public void OnEvent_ConnectionToListedIp_KnownC2()
    {
        var conn = Ev.Conn(0, "10.0.0.8", "198.51.100.77", 443, "SF");
        var alert = Assert.Single(Run(conn, conn with { Timestamp = Ev.T0.AddMinutes(1) }).Alerts);
        Assert.Equal(AlertType.KnownC2, alert.Type);
        Assert.Equal(AlertSeverity.High, alert.Severity);
        Assert.Equal(2, alert.Count);
        Assert.Contains("Emotet", alert.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void OnEvent_DnsForSubdomainOfListedDomain_MalwareSite()
    {
        var alert = Assert.Single(Run(Ev.Dns(0, "10.0.0.8", "dl.evil-cdn.example")).Alerts);
        Assert.Equal(AlertType.MalwareSite, alert.Type);
        Assert.Equal(KillChainStage.Delivery, alert.KillChain);
    }

    [Fact]
    public void OnEvent_SniOfPhishingHost_PhishingMedium()
    {
        var alert = Assert.Single(Run(Ev.Tls(0, "10.0.0.8", "203.0.113.1", "login-bank.example.net")).Alerts);
        Assert.Equal(AlertType.PhishingSite, alert.Type);
        Assert.Equal(AlertSeverity.Medium, alert.Severity);
        // Hostname indicators match exactly, not subdomains.
        Assert.Empty(Run(Ev.Tls(0, "10.0.0.8", "203.0.113.1", "www.login-bank.example.net")).Alerts);
    }

    [Fact]
    public void OnEvent_HttpUrl_MatchesUrlIndicatorOnly()
    {
        Assert.Single(Run(Ev.Http(0, "10.0.0.8", "203.0.113.2", "/payload.exe", host: "files.example.org")).Alerts);
        Assert.Empty(Run(Ev.Http(0, "10.0.0.8", "203.0.113.2", "/index.html", host: "files.example.org")).Alerts);
    }

    [Fact]
    public void OnEvent_Always_LogsObservationsForRetroHunt()
    {
        var (_, log) = Run(Ev.Dns(0, "10.0.0.8", "www.example.jp"), Ev.Dns(1, "10.0.0.8", "www.example.jp"), Ev.Http(2, "10.0.0.8", "203.0.113.2", "/a?b=1", host: "shop.example.jp"));
        Assert.Equal(2, log.Count);
        Assert.Contains(log.All(), o => o.Kind == ObservationKind.Name && o.Value == "www.example.jp" && o.Count == 2);
        Assert.Contains(log.All(), o => o.Kind == ObservationKind.Url && o.Value == "shop.example.jp/a?b=1");
    }
}
