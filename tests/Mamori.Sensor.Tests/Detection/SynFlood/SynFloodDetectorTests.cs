using System.Net;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Detection.SynFlood;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Tests.Detection.SynFlood;

public class SynFloodDetectorTests
{
    private static IEnumerable<MetadataEvent> HalfOpen(int n, double spacing = 0.01, bool randomSources = false)
    {
        var random = new Random(3);
        return Enumerable.Range(0, n).Select(i => Ev.Conn(i * spacing,
            randomSources ? new IPAddress(random.Next()).ToString() : "10.0.0.66", "10.0.0.80", 80, "S0", "S", srcPort: 1024 + i));
    }

    [Fact]
    public void OnEvent_199HalfOpen_NoAlert() => Assert.Empty(Ev.Run(new SynFloodDetector(new SynFloodOptions(), 1000), HalfOpen(199)));

    [Fact]
    public void OnEvent_200HalfOpenIn10s_Alert()
    {
        var alert = Assert.Single(Ev.Run(new SynFloodDetector(new SynFloodOptions(), 1000), HalfOpen(500)));
        Assert.Equal(AlertType.SynFlood, alert.Type);
        Assert.Equal("10.0.0.66", alert.Src.Ip);
        Assert.Equal("10.0.0.80", alert.Dst!.Ip);
        Assert.Equal(80, alert.Dst.Port);
        Assert.Equal(500, alert.Count);
    }

    [Fact]
    public void OnEvent_SpoofedSources_AlertNamesSourceCount()
    {
        var alert = Assert.Single(Ev.Run(new SynFloodDetector(new SynFloodOptions(), 1000), HalfOpen(300, randomSources: true)));
        Assert.Null(alert.Src.Ip);
        Assert.Contains("source addresses", alert.Src.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void OnEvent_CompletedHandshakes_NotHalfOpen()
    {
        var events = Enumerable.Range(0, 500).Select(i => Ev.Conn(i * 0.01, "10.0.0.66", "10.0.0.80", 80, "SF", "ShADadFf", srcPort: 1024 + i));
        Assert.Empty(Ev.Run(new SynFloodDetector(new SynFloodOptions(), 1000), events));
    }

    [Fact]
    public void OnEvent_PortScanOfManyPorts_IsNotAFlood()
    {
        var events = Enumerable.Range(0, 1000).Select(i => Ev.Conn(i * 0.001, "10.0.0.66", "10.0.0.80", 1 + i, "S0", "S"));
        Assert.Empty(Ev.Run(new SynFloodDetector(new SynFloodOptions(), 1000), events));
    }
}
