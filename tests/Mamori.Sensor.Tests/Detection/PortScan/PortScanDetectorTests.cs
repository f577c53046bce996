using Mamori.Sensor.Detection;
using Mamori.Sensor.Detection.PortScan;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Tests.Detection.PortScan;

public class PortScanDetectorTests
{
    private static PortScanDetector Create() => new(new PortScanOptions(), 1000);

    private static IEnumerable<MetadataEvent> Vertical(int ports, string state = "S0", double spacing = 0.1) =>
        Enumerable.Range(0, ports).Select(i => Ev.Conn(i * spacing, "10.0.0.66", "10.0.0.9", 1000 + i, state, srcPort: 40000 + i));

    [Fact]
    public void OnEvent_14Ports_NoAlert() => Assert.Empty(Ev.Run(Create(), Vertical(14)));

    [Theory]
    [InlineData("S0")]
    [InlineData("REJ")]
    [InlineData("RSTOS0")]
    public void OnEvent_15FailedPorts_VerticalScan(string state)
    {
        var alert = Assert.Single(Ev.Run(Create(), Vertical(15, state)));
        Assert.Equal(AlertType.PortScan, alert.Type);
        Assert.Equal("10.0.0.66", alert.Src.Ip);
        Assert.Equal("10.0.0.9", alert.Dst!.Ip);
        Assert.Equal(15, alert.Count);
        Assert.Contains("15 different TCP ports", alert.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void OnEvent_SuccessfulConnections_NotCounted() => Assert.Empty(Ev.Run(Create(), Vertical(50, "SF").Cast<ConnectionEvent>().Select(c => c with { OriginatorBytes = 100 })));

    [Fact]
    public void OnEvent_PortsSpreadBeyondWindow_NoAlert() => Assert.Empty(Ev.Run(Create(), Vertical(20, spacing: 30)));

    [Fact]
    public void OnEvent_OnePortAcross25Hosts_HorizontalScan()
    {
        var events = Enumerable.Range(0, 25).Select(i => Ev.Conn(i, "10.0.0.66", "10.0.1." + (i + 1), 445, "S0"));
        var alert = Assert.Single(Ev.Run(Create(), events));
        Assert.Equal(445, alert.Dst!.Port);
        Assert.Contains("on 25 different hosts", alert.Evidence, StringComparison.Ordinal);
        Assert.Empty(Ev.Run(Create(), events.Take(24)));
    }
}
