using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Mamori.Sensor.Capture;
using Mamori.Sensor.Capture.Live;
using Mamori.Sensor.Engine;
using Mamori.Sensor.Flows;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Capture.Live;

/// <summary>Live capture through libpcap on the loopback interface, with a BPF filter on a random port.</summary>
public class LiveCaptureTests
{
    [RequiresLibpcapFact]
    public void ListInterfaces_IncludesLoopback()
    {
        var interfaces = LiveCapture.ListInterfaces();

        Assert.Contains(interfaces, i => i.Name == "lo");
    }

    [RequiresLibpcapFact]
    public void Open_FilteredLoopback_CapturesOurDatagramsIntoFlows()
    {
        var port = 40_000 + Random.Shared.Next(20_000);
        using var capture = LiveCapture.Open(new LiveCaptureOptions
        {
            Interface = "lo",
            Filter = $"udp and dst port {port}",
            SnapLength = 65_535,
            ReadTimeout = TimeSpan.FromMilliseconds(100),
        });
        using var stopper = new Timer(_ => capture.Stop(), null, TimeSpan.FromSeconds(15), Timeout.InfiniteTimeSpan);
        using var client = new UdpClient(AddressFamily.InterNetwork);
        using var cancel = new CancellationTokenSource();
        var sender = Task.Run(async () =>
        {
            for (var i = 0; i < 50 && !cancel.IsCancellationRequested; i++)
            {
                await client.SendAsync("mamori-live"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port));
                await Task.Delay(50);
            }
        });
        var sink = new CollectingSink();
        using var engine = new TrafficEngine(sink, new TrafficEngineOptions { Flows = new FlowTableOptions { UidSeed = 1 } });

        var captured = 0;
        while (captured < 3 && capture.TryReadPacket(out var packet))
        {
            Assert.Equal(LinkType.Ethernet, packet.LinkType);
            engine.Process(packet);
            captured++;
        }

        cancel.Cancel();
        sender.Wait(TimeSpan.FromSeconds(5));
        capture.RefreshDropCounters();
        engine.Complete();

        Assert.Equal(3, captured);
        var conn = Assert.Single(sink.Connections);
        Assert.Equal(port, conn.Flow!.Responder.Port);
        Assert.Equal(3, conn.OriginatorPackets);
        Assert.Equal(3 * 11, conn.OriginatorBytes);
        Assert.Equal(0, capture.Statistics.Dropped);
    }

    [RequiresLibpcapFact]
    public void Open_InvalidFilter_ThrowsWithLibpcapMessage()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => LiveCapture.Open(new LiveCaptureOptions { Interface = "lo", Filter = "this is not bpf" }));

        Assert.Contains("BPF filter", exception.Message, StringComparison.Ordinal);
    }

    [RequiresLibpcapFact]
    public void Open_UnknownInterface_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => LiveCapture.Open(new LiveCaptureOptions { Interface = "mamori-no-such-if0" }));
    }

    [RequiresLibpcapFact]
    public void Stop_FromAnotherThread_EndsBlockedRead()
    {
        using var capture = LiveCapture.Open(new LiveCaptureOptions { Interface = "lo", Filter = "udp and port 9", ReadTimeout = TimeSpan.FromMilliseconds(50) });
        using var stopper = new Timer(_ => capture.Stop(), null, TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);

        var read = capture.TryReadPacket(out _);

        Assert.False(read);
    }
}

/// <summary>Skips (with the reason) when libpcap is missing or the process may not capture, unless MAMORI_TEST_REQUIRE_ALL=1.</summary>
public sealed class RequiresLibpcapFactAttribute : FactAttribute
{
    public RequiresLibpcapFactAttribute()
    {
        if (ExternalTools.RequireAll)
        {
            return;
        }

        if (!NativeLibrary.TryLoad("libpcap.so.0.8", out var handle) && !NativeLibrary.TryLoad("libpcap.so.1", out handle))
        {
            Skip = "needs libpcap (apt-get install libpcap0.8; set MAMORI_TEST_REQUIRE_ALL=1 to make this a failure)";
            return;
        }

        NativeLibrary.Free(handle);
        if (!ExternalTools.IsRoot)
        {
            Skip = "needs root (or CAP_NET_RAW) to capture (set MAMORI_TEST_REQUIRE_ALL=1 to make this a failure)";
        }
    }
}
