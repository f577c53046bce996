using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Validators;
using Mamori.Sensor.Detection.Dga;

namespace Mamori.Sensor.Benchmarks.Detection;

/// <summary>DGA scoring throughput (target: at least 200k names/s per core) and allocations (target: none).</summary>
[Config(typeof(Config))]
public class DgaScoringBenchmark
{
    private const int Names = 1024;
    private readonly string[] _names = new string[Names];
    private DgaModel _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = DgaModel.Shipped;
        var random = new Random(1);
        string[] benign = ["www.google.com", "mail.yahoo.co.jp", "www.rakuten.co.jp", "cdn.jsdelivr.net", "update.microsoft.com", "www.nikkei.com"];
        for (var i = 0; i < Names; i++)
        {
            _names[i] = i % 2 == 0
                ? benign[i % benign.Length]
                : new string(Enumerable.Range(0, 8 + random.Next(12)).Select(_ => (char)('a' + random.Next(26))).ToArray()) + ".com";
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Names)]
    public float Score()
    {
        float sum = 0;
        foreach (var name in _names)
        {
            sum += _model.Score(name);
        }

        return sum;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddDiagnoser(MemoryDiagnoser.Default);
            AddValidator(JitOptimizationsValidator.FailOnError);
        }
    }
}
