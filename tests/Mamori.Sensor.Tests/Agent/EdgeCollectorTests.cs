using System.Net;
using System.Net.NetworkInformation;
using Mamori.Sensor.Agent;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Tests.Agent;

public sealed class EdgeCollectorTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static void Packets(EdgeCollector collector, params int[] seconds)
    {
        foreach (var second in seconds)
        {
            collector.OnPacket(s_t0.AddSeconds(second), 100);
        }
    }

    [Fact]
    public void OnPacket_AcrossIntervals_ClosesAlignedIntervalsWithExactCounts()
    {
        var collector = new EdgeCollector(TimeSpan.FromSeconds(10));

        Packets(collector, 1, 5, 12, 25);
        collector.CloseCurrent();
        var counters = collector.TakeClosed().Counters;

        Assert.Equal([s_t0, s_t0.AddSeconds(10), s_t0.AddSeconds(20)], counters.Select(c => c.Start));
        Assert.Equal([2L, 1, 1], counters.Select(c => c.Packets));
        Assert.Equal(400, counters.Sum(c => c.Bytes));
        Assert.Equal(s_t0.AddSeconds(30), collector.ShippedUntil);
    }

    [Fact]
    public void OnPacket_ResumedAfterCrash_DoesNotCountPacketsBeforeTheCheckpointAgain()
    {
        var collector = new EdgeCollector(TimeSpan.FromSeconds(10), shippedUntil: s_t0.AddSeconds(20));

        Packets(collector, 1, 5, 12, 25, 27);
        collector.CloseCurrent();
        var counter = Assert.Single(collector.TakeClosed().Counters);

        Assert.Equal(s_t0.AddSeconds(20), counter.Start);
        Assert.Equal(2, counter.Packets);
        Assert.Equal(3, collector.SkippedPackets);
    }

    [Fact]
    public void OnPacket_EarlierTimeAfterAClosedInterval_CountsInANewLaterInterval()
    {
        var collector = new EdgeCollector(TimeSpan.FromSeconds(10));
        Packets(collector, 25);
        collector.CloseCurrent();

        Packets(collector, 3, 4); // a second file recorded earlier
        collector.CloseCurrent();
        var counters = collector.TakeClosed().Counters;

        Assert.Equal(2, counters.Count);
        Assert.True(counters[1].Start >= counters[0].End); // starts only grow: the server's (sensor, start) stays unique
        Assert.Equal(2, counters[1].Packets);
    }

    [Fact]
    public void AdvanceTo_QuietLink_ClosesTheIntervalAtItsEnd()
    {
        var collector = new EdgeCollector(TimeSpan.FromSeconds(10));
        Packets(collector, 1);

        collector.AdvanceTo(s_t0.AddSeconds(9));
        Assert.Empty(collector.TakeClosed().Counters);
        collector.AdvanceTo(s_t0.AddSeconds(10));

        Assert.Single(collector.TakeClosed().Counters);
    }

    [Fact]
    public void OnEvent_DhcpArpAndNames_BecomeOneDeviceSightingWithNames()
    {
        var collector = new EdgeCollector(TimeSpan.FromSeconds(60));
        var mac = PhysicalAddress.Parse("02-00-00-00-00-0A");
        Packets(collector, 1);
        collector.OnEvent(new DhcpEvent { Timestamp = s_t0.AddSeconds(1), MessageType = "ACK", ClientMac = mac, HostName = "PC-KEIRI01", VendorClass = "MSFT 5.0", AssignedAddress = IPAddress.Parse("192.168.1.23") });
        collector.OnEvent(new ArpEvent { Timestamp = s_t0.AddSeconds(2), Operation = "request", SenderMac = mac, SenderAddress = IPAddress.Parse("192.168.1.23"), TargetAddress = IPAddress.Parse("192.168.1.1") });
        collector.OnEvent(new NameEvent { Timestamp = s_t0.AddSeconds(3), Source = "netbios", Name = "PC-KEIRI01", Address = IPAddress.Parse("192.168.1.23") });
        collector.CloseCurrent();

        var closed = collector.TakeClosed();
        var device = Assert.Single(closed.Devices);

        Assert.Equal("02:00:00:00:00:0a", device.Mac);
        Assert.Equal("192.168.1.23", device.Ip);
        Assert.Equal("PC-KEIRI01", device.HostName);
        Assert.Equal("MSFT 5.0", device.VendorClass);
        Assert.Equal("dhcp", device.Source);
        Assert.Equal(["PC-KEIRI01"], device.Names);
        Assert.Equal(s_t0.AddSeconds(3), device.LastSeen);
        Assert.Equal(1, Assert.Single(closed.Counters).DevicesSeen);
        Assert.Equal(3, closed.Counters[0].TrafficEvents);
    }

    [Fact]
    public void TakeChangedAlerts_SameFinding_KeepsOneStableIdAndShipsOnlyChanges()
    {
        var collector = new EdgeCollector(TimeSpan.FromSeconds(60));
        Packets(collector, 1);
        Alert Snapshot(long count) => Alert.Create(AlertType.PortScan, AlertSeverity.Medium, new AlertEndpoint("10.0.0.66"), new AlertEndpoint("10.0.0.20"),
            s_t0, s_t0.AddSeconds(count), count, "scan", "portscan|10.0.0.66");

        collector.OnAlert(Snapshot(20));
        var first = Assert.Single(collector.TakeChangedAlerts());
        collector.OnAlert(Snapshot(20));
        var unchanged = collector.TakeChangedAlerts();
        collector.OnAlert(Snapshot(35));
        var grown = Assert.Single(collector.TakeChangedAlerts());
        collector.CloseCurrent();

        Assert.Empty(unchanged);
        Assert.Equal(first.Id, grown.Id);
        Assert.Equal(35, grown.Alert.Count);
        Assert.Equal(EdgeCollector.AlertId(AlertType.PortScan, "portscan|10.0.0.66", s_t0), first.Id);
        Assert.Equal(1, Assert.Single(collector.TakeClosed().Counters).SecurityEvents);
    }
}
