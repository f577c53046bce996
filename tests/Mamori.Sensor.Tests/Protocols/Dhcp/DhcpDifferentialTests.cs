using Mamori.Sensor.Events;
using Xunit.Abstractions;

namespace Mamori.Sensor.Tests.Protocols.Dhcp;

/// <summary>busybox udhcpc against dnsmasq over a veth pair between two namespaces, compared with tshark.</summary>
public class DhcpDifferentialTests(ITestOutputHelper output)
{
    [TrafficFact("tshark", "tcpdump", "busybox", "dnsmasq", "ip")]
    public void Replay_UdhcpcAgainstDnsmasq_AgreesWithTshark()
    {
        string pcap = TrafficLab.Record("dhcp", 60);
        try
        {
            List<string[]> messages = TrafficLab.Fields(pcap, "dhcp", "dhcp.hw.mac_addr", "dhcp.option.dhcp", "dhcp.option.hostname", "dhcp.option.vendor_class_id");
            List<DhcpEvent> events = [.. TrafficLab.Replay(pcap).OfType<DhcpEvent>()];
            string[] expected = [.. messages.Select(f => f[0].Split('|')[0].Replace(":", "", StringComparison.Ordinal).ToUpperInvariant() + "|" + f[2] + "|" + f[3])];
            double agreement = TrafficLab.Agreement(expected, events.Select(e => e.ClientMac + "|" + e.HostName + "|" + e.VendorClass), out var missing);
            output.WriteLine($"DHCP messages {messages.Count}, events {events.Count}: mac+hostname+vendor {agreement:P2}");

            Assert.True(messages.Count >= 100, "too few DHCP messages recorded: " + messages.Count);
            Assert.True(agreement >= 0.999, string.Join(", ", missing.Take(5)));
            Assert.Contains(events, e => e.MessageType == "ACK" && e.AssignedAddress is not null && e.LeaseTime == TimeSpan.FromHours(1));
            Assert.Contains(events, e => e.MessageType == "DISCOVER" && e.ParameterRequestList is not null);
        }
        finally
        {
            File.Delete(pcap);
        }
    }
}
