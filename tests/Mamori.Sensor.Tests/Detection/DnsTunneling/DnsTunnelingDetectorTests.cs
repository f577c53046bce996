using System.Text;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Detection.DnsTunneling;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Tests.Detection.DnsTunneling;

public class DnsTunnelingDetectorTests
{
    private static string Encoded(Random random, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static IEnumerable<MetadataEvent> Tunnel(int n, double spacing, ushort type = 10, int labelLength = 50)
    {
        var random = new Random(11);
        return Enumerable.Range(0, n).Select(i => Ev.Dns(i * spacing, "10.0.0.7", Encoded(random, labelLength) + ".t.tunnel.example.co.jp", 0, type));
    }

    [Fact]
    public void OnEvent_IodineLikeBurst_AlertsPerRegisteredDomain()
    {
        var alert = Assert.Single(Ev.Run(new DnsTunnelingDetector(new DnsTunnelingOptions(), 1000), Tunnel(200, 0.2)));
        Assert.Equal(AlertType.DnsTunneling, alert.Type);
        Assert.Equal("example.co.jp", alert.Dst!.Name);
        Assert.Equal("10.0.0.7", alert.Src.Ip);
        Assert.Equal(200, alert.Count);
        // Beyond 64 values the distinct count is a linear-counting estimate (a few percent).
        Assert.Matches(@"from 10\.0\.0\.7 for (19\d|20\d) different subdomains of example\.co\.jp", alert.Evidence);
    }

    [Fact]
    public void OnEvent_FewerUniqueThanThreshold_NoAlert() =>
        Assert.Empty(Ev.Run(new DnsTunnelingDetector(new DnsTunnelingOptions { UniqueSubdomains = 60 }, 1000), Tunnel(59, 1, type: 1)));

    [Fact]
    public void OnEvent_CarrierRecordTypes_LowerUniqueThresholdOf30()
    {
        Assert.Empty(Ev.Run(new DnsTunnelingDetector(new DnsTunnelingOptions(), 1000), Tunnel(29, 1, type: 16, labelLength: 12)));
        Assert.Single(Ev.Run(new DnsTunnelingDetector(new DnsTunnelingOptions(), 1000), Tunnel(30, 1, type: 16, labelLength: 12)));
    }

    [Fact]
    public void OnEvent_SlowExfiltrationOverHours_AlertsAsSlow()
    {
        // One query every 2 minutes: never 50 in 5 minutes, but 400 in 13 hours.
        var alerts = Ev.Run(new DnsTunnelingDetector(new DnsTunnelingOptions(), 1000), Tunnel(400, 120, type: 1));
        var alert = Assert.Single(alerts);
        Assert.StartsWith("slow exfiltration", alert.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void OnEvent_ManyShortHostnamesOfACdn_NoAlert()
    {
        var events = Enumerable.Range(0, 500).Select(i => Ev.Dns(i * 0.1, "10.0.0.7", "img" + i + ".static.example.com"));
        Assert.Empty(Ev.Run(new DnsTunnelingDetector(new DnsTunnelingOptions(), 1000), events));
    }

    [Fact]
    public void OnEvent_AllowListedReputationLookups_NoAlert()
    {
        var random = new Random(5);
        var events = Enumerable.Range(0, 300).Select(i => Ev.Dns(i * 0.1, "10.0.0.7", Encoded(random, 40) + ".sophosxl.net"));
        Assert.Empty(Ev.Run(new DnsTunnelingDetector(new DnsTunnelingOptions(), 1000), events));
    }
}
