using Mamori.Sensor.Detection;
using Mamori.Sensor.Detection.BannedSoftware;

namespace Mamori.Sensor.Tests.Detection.BannedSoftware;

public class BannedSoftwareDetectorTests
{
    [Fact]
    public void OnEvent_AnyDeskSni_Alert()
    {
        var alert = Assert.Single(Ev.Run(new BannedSoftwareDetector(new BannedSoftwareOptions(), 100), [Ev.Tls(0, "10.0.0.8", "192.0.2.10", "relay-1.net.anydesk.com")]));
        Assert.Equal(AlertType.BannedSoftware, alert.Type);
        Assert.Contains("AnyDesk", alert.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void OnEvent_ApprovedTool_NoAlert()
    {
        var options = new BannedSoftwareOptions();
        options.Rules.Single(r => r.Name == "AnyDesk").Approved = true;
        Assert.Empty(Ev.Run(new BannedSoftwareDetector(options, 100), [Ev.Tls(0, "10.0.0.8", "192.0.2.10", "relay-1.net.anydesk.com")]));
    }

    [Fact]
    public void OnEvent_BitTorrentUserAgentAndJa4_Alert()
    {
        var options = new BannedSoftwareOptions();
        options.Rules.Add(new BannedSoftwareRule { Name = "Custom P2P", Ja4 = ["t13d1516h2_8daaf6152771_02713d6af862"] });
        var alerts = Ev.Run(new BannedSoftwareDetector(options, 100),
        [
            Ev.Http(0, "10.0.0.8", "198.51.100.5", "/announce?info_hash=x", agent: "qBittorrent/4.6.2"),
            Ev.Tls(1, "10.0.0.9", "198.51.100.6", "unknown.example", "t13d1516h2_8daaf6152771_02713d6af862"),
        ]);
        Assert.Equal(2, alerts.Count);
        Assert.Equal(AlertSeverity.Medium, alerts[0].Severity);
    }

    [Fact]
    public void OnEvent_OrdinarySites_NoAlert() =>
        Assert.Empty(Ev.Run(new BannedSoftwareDetector(new BannedSoftwareOptions(), 100), [Ev.Tls(0, "10.0.0.8", "192.0.2.10", "www.google.com"), Ev.Dns(1, "10.0.0.8", "update.microsoft.com")]));
}
