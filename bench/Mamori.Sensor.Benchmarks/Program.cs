using BenchmarkDotNet.Running;
using Mamori.Sensor.Benchmarks;

// `traffic` and `extract-run` are the end-to-end comparison with tshark; anything else goes to BenchmarkDotNet.
return args switch
{
    ["traffic", .. var rest] => TrafficComparison.Run(rest),
    ["extract-run", var capture, var output] => TrafficComparison.ExtractRun(capture, output),
    ["detect-breakdown", var capture] => TrafficComparison.DetectBreakdown(capture),
    ["detect-overhead", var capture] => TrafficComparison.DetectOverhead(capture, 3),
    ["detect-overhead", var capture, var rounds] => TrafficComparison.DetectOverhead(capture, int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture)),
    ["stage-run", var capture, var stage] => TrafficComparison.StageRun(capture, stage, 1),
    ["stage-run", var capture, var stage, var passes] => TrafficComparison.StageRun(capture, stage, int.Parse(passes, System.Globalization.CultureInfo.InvariantCulture)),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
