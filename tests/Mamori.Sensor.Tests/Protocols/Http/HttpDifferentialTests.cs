using Mamori.Sensor.Events;
using Xunit.Abstractions;

namespace Mamori.Sensor.Tests.Protocols.Http;

/// <summary>curl against Python's http.server in a network namespace, compared with tshark.</summary>
public class HttpDifferentialTests(ITestOutputHelper output)
{
    [TrafficFact("tshark", "tcpdump", "curl", "python3", "ip")]
    public void Replay_CurlAgainstHttpServer_AgreesWithTshark()
    {
        string pcap = TrafficLab.Record("http", 240);
        try
        {
            List<string[]> requests = TrafficLab.Fields(pcap, "http.request", "http.host", "http.request.uri", "http.user_agent");
            var events = TrafficLab.Replay(pcap);
            List<HttpEvent> http = [.. events.OfType<HttpEvent>()];

            double hosts = TrafficLab.Agreement([.. requests.Select(f => f[0])], http.Select(e => e.Host ?? ""), out var missingHosts);
            double uris = TrafficLab.Agreement([.. requests.Select(f => f[1])], http.Select(e => e.Uri), out var missingUris);
            double agents = TrafficLab.Agreement([.. requests.Select(f => f[2])], http.Select(e => e.UserAgent ?? ""), out var missingAgents);
            output.WriteLine($"HTTP requests {requests.Count}, events {http.Count}: host {hosts:P2}, uri {uris:P2}, user agent {agents:P2}");

            Assert.True(requests.Count >= 200, "too few requests recorded: " + requests.Count);
            Assert.Equal(requests.Count, http.Count);
            Assert.True(hosts >= 0.999, string.Join(", ", missingHosts.Take(5)));
            Assert.True(uris >= 0.999, string.Join(", ", missingUris.Take(5)));
            Assert.True(agents >= 0.999, string.Join(", ", missingAgents.Take(5)));

            // curl -u sends Basic credentials; the server ignores them and answers 200.
            List<LoginEvent> logins = [.. events.OfType<LoginEvent>()];
            Assert.Equal(requests.Count(f => f[2].StartsWith("basic/", StringComparison.Ordinal)), logins.Count);
            Assert.All(logins, l => Assert.True(l.Protocol == LoginProtocol.HttpBasic && l.PlaintextPassword && l.User!.StartsWith("user", StringComparison.Ordinal)));
            Assert.DoesNotContain(events.Select(ProtocolTestKit.Describe), d => d.Contains("secret", StringComparison.Ordinal));
            TrafficLab.AssertRechunkInvariant(pcap);
        }
        finally
        {
            File.Delete(pcap);
        }
    }
}
