using Mamori.Sensor.Detection.PortScan;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Tests.Detection.PortScan;

/// <summary>A few ports swept across a few hosts (nmap -p 22,80,445 over an office subnet).</summary>
public class PortScanSweepTests
{
    private static PortScanDetector Create() => new(new PortScanOptions(), 1000);

    private static IEnumerable<MetadataEvent> Sweep(int hosts, int[] ports, string state = "REJ") =>
        Enumerable.Range(0, hosts).SelectMany(h => ports.Select((port, p) =>
            Ev.Conn((h * ports.Length) + p, "10.0.0.66", "10.0.1." + (h + 1), port, state, srcPort: 40000 + (h * 10) + p)));

    [Fact]
    public void OnEvent_FivePortsAcrossFourHosts_ReportsSweepWithoutVictim()
    {
        var alert = Assert.Single(Ev.Run(Create(), Sweep(4, [22, 80, 139, 443, 445])));

        Assert.Equal("10.0.0.66", alert.Src.Ip);
        Assert.Null(alert.Dst!.Ip);
        Assert.Equal("4 hosts", alert.Dst.Name);
        Assert.Contains("on each of 4 different hosts", alert.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void OnEvent_FivePortsAcrossThreeHosts_NoAlert() => Assert.Empty(Ev.Run(Create(), Sweep(3, [22, 80, 139, 443, 445])));

    [Fact]
    public void OnEvent_TwoPortsAcrossTenHosts_NoAlert() => Assert.Empty(Ev.Run(Create(), Sweep(10, [139, 445])));

    [Fact]
    public void OnEvent_AnsweredConnectionsAcrossHosts_NotCounted() =>
        Assert.Empty(Ev.Run(Create(), Sweep(6, [22, 80, 443], "SF").Cast<ConnectionEvent>().Select(c => c with { OriginatorBytes = 100, ResponderBytes = 100 })));
}
