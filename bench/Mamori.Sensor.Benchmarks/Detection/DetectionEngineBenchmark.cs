using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Benchmarks.Detection;

/// <summary>Cost of running every detector over a realistic mix of events (per event).</summary>
[Config(typeof(Config))]
public class DetectionEngineBenchmark
{
    private const int Events = 10_000;
    private readonly List<MetadataEvent> _events = new(Events);

    [Params(1_000, 100_000)]
    public int MaxTrackedKeys { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(2);
        FlowInfo Flow(int i, int port, byte proto) => new()
        {
            Uid = "C" + i,
            CommunityId = "1:x",
            Protocol = proto,
            Originator = new IPEndPoint(IPAddress.Parse("10.0.0." + (1 + i % 200)), 40000 + i % 20000),
            Responder = new IPEndPoint(new IPAddress(random.Next()), port),
        };
        for (var i = 0; i < Events; i++)
        {
            var t = t0.AddMilliseconds(i * 10);
            _events.Add((i % 4) switch
            {
                0 => new DnsEvent { Timestamp = t, Flow = Flow(i, 53, 17), Query = "host" + (i % 500) + ".example.co.jp", ResponseCode = 0, Answers = ["192.0.2.1"], QueryType = 1 },
                1 => new TlsEvent { Timestamp = t, Flow = Flow(i, 443, 6), ServerName = "www" + (i % 300) + ".example.com" },
                2 => new HttpEvent { Timestamp = t, Flow = Flow(i, 80, 6), Method = "GET", Host = "www.example.jp", Uri = "/page/" + i, StatusCode = 200, UserAgent = "Mozilla/5.0" },
                _ => new ConnectionEvent { Timestamp = t, Start = t, Duration = TimeSpan.FromSeconds(1), Flow = Flow(i, 443, 6), State = "SF", History = "ShADadFf", OriginatorBytes = 500 },
            });
        }
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int AllDetectors()
    {
        var engine = new DetectionEngine(new DetectionOptions { MaxTrackedKeys = MaxTrackedKeys });
        foreach (var e in _events)
        {
            engine.OnEvent(e);
        }

        engine.Flush();
        return engine.Alerts.Count;
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddDiagnoser(MemoryDiagnoser.Default);
    }
}
