using System.Net;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Intel;

namespace Mamori.Sensor.Tests.Intel;

public class RetroHunterTests
{
    [Fact]
    public void Hunt_StoredNamesUrlsAndAddresses_MatchNewIndicators()
    {
        var log = new ObservationLog(100, TimeSpan.FromDays(7));
        var client = IPAddress.Parse("10.0.0.8");
        var t = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        log.Record(ObservationKind.Name, "www.newly-bad.example", client, t);
        log.Record(ObservationKind.Name, "www.newly-bad.example", client, t.AddHours(1));
        log.Record(ObservationKind.Url, "files.example.org/a.exe", client, t);
        log.Record(ObservationKind.Ip, "192.0.2.9", client, t);
        log.Record(ObservationKind.Name, "www.fine.example", client, t);

        var alerts = RetroHunter.Hunt(log.All(),
        [
            new Indicator(IndicatorKind.Domain, "newly-bad.example", IntelCategory.Phishing, "openphish"),
            new Indicator(IndicatorKind.Url, "http://files.example.org/a.exe", IntelCategory.MalwareSite, "urlhaus"),
            new Indicator(IndicatorKind.Ip, "192.0.2.9", IntelCategory.C2, "feodo"),
        ]);

        Assert.Equal(3, alerts.Count);
        var phishing = Assert.Single(alerts, a => a.Type == AlertType.PhishingSite);
        Assert.Equal(2, phishing.Count);
        Assert.Equal(t, phishing.FirstSeen);
        Assert.Contains(alerts, a => a.Type == AlertType.MalwareSite);
        Assert.Contains(alerts, a => a.Type == AlertType.KnownC2);
    }
}
