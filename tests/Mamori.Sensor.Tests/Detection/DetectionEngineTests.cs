using System.Net;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Events;
using Mamori.Sensor.Intel;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Detection;

[Collection(HeapMeasurements.Name)]
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
    public void OnEvent_FloodOfEveryEventKindFromRandomSources_EachDetectorBoundedAndEvicting()
    {
        const int Keys = 300;
        var engine = new DetectionEngine(new DetectionOptions { MaxTrackedKeys = Keys, ObservationCapacity = 2_000 });
        var random = new Random(7);
        string RandomLabel(int length)
        {
            var chars = new char[length];
            for (var j = 0; j < length; j++)
            {
                chars[j] = (char)('a' + random.Next(26));
            }

            return new string(chars);
        }

        long heapAfterWarmUp = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var t = i * 0.0005;
            var src = new IPAddress(random.Next()).ToString();
            var dst = new IPAddress(random.Next()).ToString();
            engine.OnEvent(Ev.Conn(t, src, dst, 1 + (i % 1000), "REJ", "Sr", srcPort: 1024 + (i % 60000)));
            engine.OnEvent(Ev.Dns(t, src, RandomLabel(30) + "." + RandomLabel(12) + ".com", rcode: 3));
            engine.OnEvent(Ev.Http(t, src, dst, "/" + RandomLabel(10), status: 404, host: RandomLabel(8) + ".example.jp"));
            engine.OnEvent(Ev.Tls(t, src, dst, RandomLabel(12) + ".example.net"));
            engine.OnEvent(Ev.Login(t, src, dst, LoginProtocol.Ftp, LoginResult.Failure, RandomLabel(6)));
            if (i == 2_000)
            {
                heapAfterWarmUp = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        var heapAfterFlood = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var detector in engine.Detectors)
        {
            // A detector holds a few tables (per source, per pair, per name); none grows past its bound.
            Assert.True(detector.Stats.TrackedKeys <= 4 * Keys, $"{detector.Name} holds {detector.Stats.TrackedKeys} keys");
        }

        // Every detector that keeps state per source or per name had to evict under the flood, and counted it
        // (threat intelligence, banned software and undesirable operations keep state only for findings).
        string[] stateful = ["dns_tunneling", "dga", "brute_force", "port_scan", "url_scan"];
        foreach (var name in stateful)
        {
            var detector = Assert.Single(engine.Detectors, d => d.Name == name);
            Assert.True(detector.Stats.Evictions > 0, $"{name} evicted nothing");
        }

        // The retro-hunt log (threat intelligence's state) is bounded the same way.
        Assert.True(engine.Observations.Count <= 2_000);
        Assert.True(engine.Observations.Evictions > 50_000, $"observations evicted {engine.Observations.Evictions}");
        // 90,000 more events of new keys after the warm-up did not grow the heap by more than a few MB
        // (the flood raises almost no alert: alerts are output and are kept).
        Assert.True(engine.Alerts.Count < 50, $"{engine.Alerts.Count} alerts");
        Assert.True(heapAfterFlood - heapAfterWarmUp < 4_000_000, $"heap grew {heapAfterFlood - heapAfterWarmUp:N0} bytes");
        GC.KeepAlive(engine);
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
