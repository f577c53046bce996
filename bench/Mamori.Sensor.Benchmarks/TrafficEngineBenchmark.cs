using BenchmarkDotNet.Attributes;
using Mamori.Sensor.Capture;
using Mamori.Sensor.Engine;
using Mamori.Sensor.Events;
using Mamori.Sensor.Flows;

namespace Mamori.Sensor.Benchmarks;

/// <summary>
/// Decode + flow tracking + reassembly over an in-memory mixed capture, with a no-op sink: the
/// engine's hot path without I/O. <c>OperationsPerInvoke</c> is the packet count, so the
/// reported mean is per packet.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class TrafficEngineBenchmark
{
    private byte[] _capture = [];

    [Params(64)]
    public int SizeMb { get; set; }

    public long Packets { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        using var stream = new MemoryStream();
        var generator = new MixedTrafficGenerator();
        generator.Write(stream, SizeMb * 1024L * 1024);
        _capture = stream.ToArray();
        Packets = generator.Packets;
    }

    [Benchmark(Baseline = true)]
    public long ReadDecodeTrack() => Run(new MemoryStream(_capture, writable: false));

    [Benchmark]
    public long ReadDecodeTrack_SplitReads() => Run(new SmallReadStream(_capture, 4_093));

    [Benchmark]
    public long ReadOnly()
    {
        using var source = CaptureReader.Open(new MemoryStream(_capture, writable: false));
        long bytes = 0;
        while (source.TryReadPacket(out var packet))
        {
            bytes += packet.Data.Length;
        }

        return bytes;
    }

    private static long Run(Stream stream)
    {
        using var source = CaptureReader.Open(stream);
        using var engine = new TrafficEngine(new NoOpSink(), new TrafficEngineOptions { Flows = new FlowTableOptions { UidSeed = 1 } });
        engine.Run(source);
        return engine.Counters.Packets;
    }

    private sealed class NoOpSink : IEventSink
    {
        public void OnEvent(MetadataEvent metadataEvent)
        {
        }
    }

    /// <summary>Returns at most a few KiB per read, so records straddle buffer refills.</summary>
    private sealed class SmallReadStream(byte[] data, int chunk) : MemoryStream(data, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
