using System.Net;
using Mamori.Sensor.Intel;

namespace Mamori.Sensor.Tests.Intel;

public class ThreatIntelSetTests
{
    private static readonly ThreatIntelSet s_set = new(
    [
        new Indicator(IndicatorKind.Ip, "192.0.2.1", IntelCategory.C2, "t"),
        new Indicator(IndicatorKind.Ip, "2001:db8::1", IntelCategory.C2, "t"),
        new Indicator(IndicatorKind.Domain, "evil.example", IntelCategory.C2, "t"),
        new Indicator(IndicatorKind.Hostname, "exact.example.org", IntelCategory.Phishing, "t"),
        new Indicator(IndicatorKind.Url, "HTTP://Files.Example.org:80/a.exe?x=1#frag", IntelCategory.MalwareSite, "t"),
    ]);

    [Theory]
    [InlineData("evil.example", true)]
    [InlineData("a.b.evil.example.", true)]
    [InlineData("notevil.example", false)]
    [InlineData("exact.example.org", true)]
    [InlineData("sub.exact.example.org", false)]
    [InlineData("example", false)]
    public void MatchName_DomainSuffixWalkAndExactHosts(string name, bool hit) => Assert.Equal(hit, s_set.MatchName(name) is not null);

    [Fact]
    public void MatchIp_V4V6AndMapped()
    {
        Assert.NotNull(s_set.MatchIp(IPAddress.Parse("192.0.2.1")));
        Assert.NotNull(s_set.MatchIp(IPAddress.Parse("::ffff:192.0.2.1")));
        Assert.NotNull(s_set.MatchIp(IPAddress.Parse("2001:db8::1")));
        Assert.Null(s_set.MatchIp(IPAddress.Parse("192.0.2.2")));
    }

    [Fact]
    public void MatchHttp_NormalisedUrlThenHost()
    {
        Assert.Equal(IndicatorKind.Url, s_set.MatchHttp("files.example.org", "/a.exe?x=1")?.Kind);
        Assert.Null(s_set.MatchHttp("files.example.org", "/a.exe"));
        Assert.Equal(IndicatorKind.Domain, s_set.MatchHttp("www.evil.example:8080", "/")?.Kind);
        Assert.Equal(IndicatorKind.Ip, s_set.MatchHttp("192.0.2.1", "/")?.Kind);
    }
}
