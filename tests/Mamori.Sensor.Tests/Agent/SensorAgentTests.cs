using System.Text.Json;
using Mamori.Sensor.Agent;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Shipping;
using Mamori.Sensor.Tests.Capture.Live;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Agent;

/// <summary>The agent in process against <see cref="SensorTestReceiver"/>: configuration and feeds applied without a restart.</summary>
public sealed class SensorAgentTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("mamori-agent-");
    private readonly SensorTestReceiver _receiver = new();
    private readonly HttpClient _http = new();

    public SensorAgentTests()
    {
        _receiver.Start();
    }

    public void Dispose()
    {
        _receiver.Dispose();
        _http.Dispose();
        _work.Delete(recursive: true);
    }

    /// <summary>Two seconds of filler from an office PC, then a TCP connection to 203.0.113.50:443.</summary>
    private string WriteCapture()
    {
        var frames = new List<TestFrame>();
        for (var i = 0; i < 40; i++)
        {
            frames.Add(new TestFrame(CaptureWriter.At(i * 50_000), PacketBuilder.UdpFrame("192.168.1.10", 40000, "192.168.1.20", 9999, [1, 2, 3, 4])));
        }

        var t = 2_100_000L;
        frames.Add(new TestFrame(CaptureWriter.At(t), PacketBuilder.TcpFrame("192.168.1.10", 50000, "203.0.113.50", 443, 1000, 0, PacketBuilder.Syn)));
        frames.Add(new TestFrame(CaptureWriter.At(t + 10_000), PacketBuilder.TcpFrame("203.0.113.50", 443, "192.168.1.10", 50000, 5000, 1001, PacketBuilder.Syn | PacketBuilder.Ack)));
        frames.Add(new TestFrame(CaptureWriter.At(t + 20_000), PacketBuilder.TcpFrame("192.168.1.10", 50000, "203.0.113.50", 443, 1001, 5001, PacketBuilder.Ack)));
        frames.Add(new TestFrame(CaptureWriter.At(t + 30_000), PacketBuilder.TcpFrame("192.168.1.10", 50000, "203.0.113.50", 443, 1001, 5001, PacketBuilder.Fin | PacketBuilder.Ack)));
        frames.Add(new TestFrame(CaptureWriter.At(t + 40_000), PacketBuilder.TcpFrame("203.0.113.50", 443, "192.168.1.10", 50000, 5001, 1002, PacketBuilder.Fin | PacketBuilder.Ack)));
        frames.Add(new TestFrame(CaptureWriter.At(t + 50_000), PacketBuilder.TcpFrame("192.168.1.10", 50000, "203.0.113.50", 443, 1002, 5002, PacketBuilder.Ack)));
        var path = Path.Combine(_work.FullName, "office.pcap");
        File.WriteAllBytes(path, CaptureWriter.Pcap(frames));
        return path;
    }

    private async Task<string> EnrollAsync()
    {
        var state = Path.Combine(_work.FullName, "state");
        using var output = new StringWriter();
        Assert.Equal(0, await SensorEnrollment.EnrollAsync(_http, _receiver.BaseAddress, SensorTestReceiver.GoodCode, state, false, false, output));
        return state;
    }

    [Fact]
    public async Task RunAsync_ConfigurationChangesMidRun_FetchesAndAppliesTheNewFeedWithoutRestart()
    {
        var capture = WriteCapture();
        var state = await EnrollAsync();
        using var log = new StringWriter();
        using var agent = new SensorAgent(
            new SensorAgentOptions { StateDirectory = state, ReadPath = capture, ReplayPacketsPerSecond = 20, ShipIntervalOverride = TimeSpan.FromMilliseconds(200), CounterIntervalOverride = TimeSpan.FromSeconds(1) },
            _http, TimeProvider.System, log);

        var run = agent.RunAsync(CancellationToken.None);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (_receiver.Batches.IsEmpty)
            {
                await Task.Delay(50, timeout.Token);
            }
        }

        // The operator adds a feed: the next receipt carries a new ETag.
        _receiver.Configuration = new SensorConfigurationDocument(JsonDocument.Parse("{}").RootElement, [_receiver.FeedUrl.ToString()], 1, 60);
        _receiver.ConfigurationEtag = "\"config-2\"";
        var exit = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == SensorExitCodes.Ok, log.ToString());
        Assert.True(_receiver.ConfigurationFetches >= 2, log.ToString());
        Assert.True(_receiver.FeedDownloads >= 1, log.ToString());
        Assert.Equal("\"config-2\"", new AgentStateDirectory(state).ReadConfiguration()?.Etag);
        var alert = Assert.Single(_receiver.Alerts.Values, a => a.Alert.Type == AlertType.KnownC2);
        Assert.Equal("192.168.1.10", alert.Alert.Src.Ip);
        Assert.Equal("203.0.113.50", alert.Alert.Dst?.Ip);
        Assert.Equal(46, _receiver.Counters.Values.Sum(c => c.Packets));
        Assert.Contains(_receiver.Batches.Values.SelectMany(b => b.Flows), f => f.ServerIp == "203.0.113.50" && f.ServerPort == 443);
        Assert.All(_receiver.Batches.Values, b => Assert.True(b.Health.MemoryBytes > 0));
    }

    [Fact]
    public async Task RunAsync_OperatorRequestsRotation_StoresTheNewCredentialAndKeepsShipping()
    {
        var capture = WriteCapture();
        var state = await EnrollAsync();
        _receiver.RequestRotation = true;
        using var log = new StringWriter();
        using var agent = new SensorAgent(
            new SensorAgentOptions { StateDirectory = state, ReadPath = capture, ReplayPacketsPerSecond = 20, ShipIntervalOverride = TimeSpan.FromMilliseconds(200), CounterIntervalOverride = TimeSpan.FromSeconds(1) },
            _http, TimeProvider.System, log);

        var exit = await agent.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == SensorExitCodes.Ok, log.ToString());
        Assert.Equal(1, _receiver.Rotations);
        Assert.Equal(SensorTestReceiver.RotatedCredential, new AgentStateDirectory(state).ReadCredential()?.Credential);
        // Everything after the rotation was accepted with the new credential: the whole capture arrived.
        Assert.Equal(46, _receiver.Counters.Values.Sum(c => c.Packets));
        Assert.Equal(0, _receiver.RejectedRequests);
    }

    [RequiresLibpcapFact]
    public async Task RunAsync_LiveOnLoopbackThenQuiet_ShipsClosedIntervalsWhileTheLinkIsQuiet()
    {
        var state = await EnrollAsync();
        var port = 40_000 + Random.Shared.Next(20_000);
        using var log = new StringWriter();
        using var agent = new SensorAgent(
            new SensorAgentOptions { StateDirectory = state, Interface = "lo", Filter = $"udp and dst port {port}", ShipIntervalOverride = TimeSpan.FromMilliseconds(300), CounterIntervalOverride = TimeSpan.FromSeconds(1) },
            _http, TimeProvider.System, TextWriter.Synchronized(log));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = agent.RunAsync(stop.Token);
        await Task.Delay(1_000); // capture open
        using (var client = new System.Net.Sockets.UdpClient(System.Net.Sockets.AddressFamily.InterNetwork))
        {
            for (var i = 0; i < 30; i++)
            {
                await client.SendAsync("mamori-agent"u8.ToArray(), new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
            }
        }

        // The link is quiet now: the interval must still close on the clock and be shipped.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (_receiver.Counters.Values.Sum(c => c.Packets) < 30)
            {
                await Task.Delay(100, timeout.Token);
            }
        }

        await stop.CancelAsync();
        var exit = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(SensorExitCodes.Ok, exit);
        Assert.Equal(30, _receiver.Counters.Values.Sum(c => c.Packets));
        Assert.Contains(_receiver.Batches.Values, b => b.ItemCount == 0); // heartbeats while quiet
    }

    [Fact]
    public async Task RunAsync_NotEnrolled_Exits20()
    {
        using var log = new StringWriter();
        using var agent = new SensorAgent(new SensorAgentOptions { StateDirectory = Path.Combine(_work.FullName, "empty"), ReadPath = WriteCapture() }, _http, TimeProvider.System, log);

        var exit = await agent.RunAsync(CancellationToken.None);

        Assert.Equal(SensorExitCodes.NotEnrolled, exit);
        Assert.Contains("mamori sensor enroll", log.ToString(), StringComparison.Ordinal);
    }
}
