using System.Net;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Events;
using Mamori.Sensor.Intel;

namespace Mamori.Sensor.Tests.Detection;

public class DetectionEngineTests
{
    [Fact]
    public void OnEvent_FloodOfRandomSourceAddresses_MemoryBoundedAndEvictionsCounted()
    {
        var engine = new DetectionEngine(new DetectionOptions { MaxTrackedKeys = 500, ObservationCapacity = 1000 });
        var random = new Random(42);
        for (var i = 0; i < 50_000; i++)
        {
            var src = new IPAddress(random.Next()).ToString();
            engine.OnEvent(Ev.Conn(i * 0.001, src, "10.0.0.80", 80, "S0", "S", srcPort: 1024 + (i % 60000)));
            engine.OnEvent(Ev.Login(i * 0.001, src, "10.0.0.9", LoginProtocol.Ssh, LoginResult.Failure, "root", 22));
        }

        engine.Flush();
        var stats = engine.Stats;
        // Each detector table holds at most 500 keys, whatever the flood.
        Assert.True(stats.TrackedKeys <= 500 * 10, $"tracked {stats.TrackedKeys}");
        Assert.True(stats.Evictions > 90_000, $"evicted {stats.Evictions}");
        Assert.True(engine.Observations.Count <= 1000);
        Assert.Equal(100_000, engine.EventsSeen);
        // The flood itself is still seen: 50,000 half-open connections to one server.
        var flood = Assert.Single(engine.Alerts.ToList(), a => a.Type == AlertType.SynFlood);
        Assert.Equal("10.0.0.80", flood.Dst!.Ip);
    }

    [Fact]
    public void RetroHunt_NewIndicatorForAnEarlierLookup_RaisesAlert()
    {
        var engine = new DetectionEngine();
        engine.OnEvent(Ev.Dns(0, "10.0.0.8", "cdn.bad-newly-listed.example"));
        engine.Flush();
        Assert.Equal(0, engine.Alerts.Count);

        var added = engine.Intel.Replace("threatfox", [new Indicator(IndicatorKind.Domain, "bad-newly-listed.example", IntelCategory.C2, "threatfox")]);
        var alerts = engine.RetroHunt(added);

        var alert = Assert.Single(alerts);
        Assert.Equal(AlertType.KnownC2, alert.Type);
        Assert.StartsWith("Found later in stored traffic", alert.Evidence, StringComparison.Ordinal);
        Assert.Equal(1, engine.Alerts.Count);
    }
}
