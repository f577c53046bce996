using Mamori.Sensor.Events;
using Xunit.Abstractions;

namespace Mamori.Sensor.Tests.Protocols.Dns;

/// <summary>dig against dnsmasq in a network namespace, compared with tshark's DNS dissector.</summary>
public class DnsDifferentialTests(ITestOutputHelper output)
{
    [TrafficFact("tshark", "tcpdump", "dig", "dnsmasq", "ip")]
    public void Replay_DigAgainstDnsmasq_AgreesWithTshark()
    {
        string pcap = TrafficLab.Record("dns", 400);
        try
        {
            List<string[]> queries = TrafficLab.Fields(pcap, "dns.flags.response == 0", "dns.id", "dns.qry.name");
            List<string[]> responses = TrafficLab.Fields(pcap, "dns.flags.response == 1", "dns.id", "dns.qry.name", "dns.flags.rcode", "dns.a", "dns.resp.ttl");
            List<DnsEvent> events = [.. TrafficLab.Replay(pcap).OfType<DnsEvent>()];

            string[] expectedNames = [.. queries.Select(f => Convert.ToUInt16(f[0], 16) + "|" + f[1])];
            double names = TrafficLab.Agreement(expectedNames, events.Select(e => e.TransactionId + "|" + e.Query), out List<string> missingNames);
            string[] expectedCodes = [.. responses.Select(f => Convert.ToUInt16(f[0], 16) + "|" + f[1] + "|" + f[2])];
            double codes = TrafficLab.Agreement(expectedCodes, events.Where(e => e.ResponseCode is not null).Select(e => e.TransactionId + "|" + e.Query + "|" + e.ResponseCode), out List<string> missingCodes);

            string[] expectedAddresses = [.. responses.Where(f => f[3].Length > 0).Select(f => Convert.ToUInt16(f[0], 16) + "|" + f[3].Replace('|', ','))];
            double addresses = TrafficLab.Agreement(expectedAddresses, events.Select(e => e.TransactionId + "|" + string.Join(",", e.Answers.Where(a => System.Net.IPAddress.TryParse(a, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork))), out List<string> missingAddresses);
            output.WriteLine($"DNS query names: {names:P2} of {expectedNames.Length}; response codes: {codes:P2} of {expectedCodes.Length}; A answers: {addresses:P2} of {expectedAddresses.Length}; events {events.Count}");
            Assert.True(addresses >= 0.999, "answers missing: " + string.Join(", ", missingAddresses.Take(10)));
            // Under heavy load dig may time out on some of the ~500 scripted queries; agreement is what is measured.
            Assert.True(expectedNames.Length >= 300, "too few queries recorded: " + expectedNames.Length);
            Assert.True(names >= 0.999, "names missing: " + string.Join(", ", missingNames.Take(10)));
            Assert.True(codes >= 0.999, "codes missing: " + string.Join(", ", missingCodes.Take(10)));
            Assert.Contains(events, e => e.Transport == "tcp" && e.Answers.Count > 0);
            Assert.Contains(events, e => e.Query == "www.example.test" && e.Answers.Contains("host.example.test") && e.Answers.Contains("10.1.2.4"));
            TrafficLab.AssertRechunkInvariant(pcap);
        }
        finally
        {
            File.Delete(pcap);
        }
    }
}
