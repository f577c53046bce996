using System.Buffers.Binary;
using System.Diagnostics;
using Mamori.Sensor.Capture;
using Mamori.Sensor.Engine;
using Mamori.Sensor.Flows;
using Mamori.Sensor.Tests.TestSupport;
using static Mamori.Sensor.Tests.TestSupport.PacketBuilder;

namespace Mamori.Sensor.Tests.Capture;

/// <summary>
/// Bounded fuzzing of readers, decoders and the engine: mutated captures (bit flips, truncation,
/// corrupted length fields, inserted garbage) must never throw anything but
/// <see cref="CaptureFormatException"/> on open, and must always terminate.
/// Iterations default to 20,000 with a fixed seed; MAMORI_FUZZ_ITERATIONS overrides.
/// </summary>
public class CaptureFuzzTests
{
    private static List<TestFrame> SeedFrames()
    {
        var frames = new List<TestFrame>();
        long t = 0;
        void Add(byte[] data) => frames.Add(new TestFrame(CaptureWriter.At(t += 1000), data));

        Add(TcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, 100, 0, Syn));
        Add(TcpFrame("10.0.0.2", 80, "10.0.0.1", 40000, 500, 101, Syn | Ack));
        Add(TcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, 101, 501, Ack | Psh, "GET /x HTTP/1.1\r\nHost: a\r\n\r\n"u8.ToArray()));
        Add(TcpFrame("10.0.0.2", 80, "10.0.0.1", 40000, 501, 130, Ack | Psh, new byte[300]));
        Add(TcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, 130, 801, Ack | Fin));
        Add(UdpFrame("10.0.0.1", 5353, "10.0.0.53", 53, new byte[40]));
        Add(Ethernet(0x86DD, Ipv6("2001:db8::1", "2001:db8::2", 0, Udp(1, 2, [1, 2, 3]), [17, 0, 1, 4, 0, 0, 0, 0])));
        Add(Ethernet(0x0800, Ipv4("10.0.0.1", "10.0.0.2", 17, Udp(7, 8, new byte[64])[..40], identification: 3, moreFragments: true)));
        Add(Ethernet(0x0800, Ipv4("10.0.0.1", "10.0.0.2", 17, Udp(7, 8, new byte[64])[40..], identification: 3, fragmentOffset: 40)));
        Add(Ethernet(0x0806, [0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 1, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2]));
        Add(TcpFrame("10.0.0.3", 1, "10.0.0.4", 2, 0, 0, Syn, null, vlan: 5));
        Add(Ethernet(0x0800, Ipv4("10.0.0.1", "10.0.0.9", 1, Icmp(8, 0, 1, 1, new byte[8]))));
        return frames;
    }

    [Fact]
    public void ReadAndProcess_MutatedCaptures_NoExceptionEscapesAndTerminates()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("MAMORI_FUZZ_ITERATIONS"), out var n) ? n : 20_000;
        var random = new Random(20261122);
        var frames = SeedFrames();
        byte[][] seeds =
        [
            CaptureWriter.Pcap(frames),
            CaptureWriter.Pcap(frames, bigEndian: true, nanoseconds: true),
            CaptureWriter.Pcapng(frames),
            CaptureWriter.Pcapng(frames, bigEndian: true),
        ];
        var options = new TrafficEngineOptions
        {
            Flows = new FlowTableOptions { MaxFlows = 64, UidSeed = 1 },
            StreamParserFactory = _ => new RecordingStreamParser(),
            DatagramParserFactory = _ => new RecordingDatagramParser(),
        };
        var stopwatch = Stopwatch.StartNew();
        long packets = 0;
        long unreadable = 0;

        for (var i = 0; i < iterations; i++)
        {
            var input = Mutate(seeds[i % seeds.Length], random);
            ICaptureSource source;
            try
            {
                source = CaptureReader.Open(new ChunkedStream(input, 1 + random.Next(4096)));
            }
            catch (CaptureFormatException)
            {
                unreadable++;
                continue;
            }

            using (source)
            using (var engine = new TrafficEngine(new NullSink(), options))
            {
                engine.Run(source);
                Assert.True(engine.Counters.Packets <= input.Length / 16, "more packets than the input could hold");
                packets += engine.Counters.Packets;
            }
        }

        Assert.True(packets > iterations, $"fuzzing exercised too little: {packets} packets");
        Assert.True(unreadable < iterations / 2, $"{unreadable} of {iterations} inputs unreadable");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(5), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Process_RandomFrames_NoExceptionEscapes()
    {
        var random = new Random(7);
        var frames = SeedFrames();
        using var engine = new TrafficEngine(new NullSink(), new TrafficEngineOptions
        {
            Flows = new FlowTableOptions { MaxFlows = 256, UidSeed = 1 },
            StreamParserFactory = _ => new RecordingStreamParser(),
        });
        LinkType[] linkTypes = [LinkType.Ethernet, LinkType.Raw, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Null, (LinkType)999];

        for (var i = 0; i < 20_000; i++)
        {
            var frame = (byte[])frames[random.Next(frames.Count)].Data.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                frame[random.Next(frame.Length)] ^= (byte)(1 << random.Next(8));
            }

            var length = random.Next(4) == 0 ? random.Next(frame.Length + 1) : frame.Length;
            var linkType = random.Next(8) == 0 ? linkTypes[random.Next(linkTypes.Length)] : LinkType.Ethernet;
            engine.Process(new RawPacket(CaptureWriter.At(i), linkType, frame.Length, frame.AsSpan(0, length)));
        }

        engine.Complete();
        Assert.Equal(20_000, engine.Counters.Packets);
        Assert.True(engine.Counters.DecodeErrors > 0);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = (byte[])seed.Clone();
        switch (random.Next(6))
        {
            case 0: // bit flips
                for (var flips = random.Next(1, 9); flips > 0; flips--)
                {
                    data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                }

                return data;
            case 1: // truncation
                return data[..random.Next(data.Length)];
            case 2: // length field corruption: overwrite an aligned 32-bit word past the file header
                {
                    var at = 24 + (random.Next((data.Length - 28) / 4) * 4);
                    uint value = random.Next(4) switch
                    {
                        0 => 0,
                        1 => uint.MaxValue,
                        2 => (uint)random.Next(1 << 26),
                        _ => BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at)) + (uint)random.Next(-8, 9),
                    };
                    BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at), value);
                    return data;
                }

            case 3: // inserted garbage
                {
                    var at = random.Next(data.Length);
                    var garbage = new byte[random.Next(1, 600)];
                    random.NextBytes(garbage);
                    return [.. data.AsSpan(0, at), .. garbage, .. data.AsSpan(at)];
                }

            case 4: // duplicated slice (repeated records, misaligned repeats)
                {
                    var at = random.Next(data.Length);
                    var length = random.Next(Math.Min(400, data.Length - at) + 1);
                    return [.. data.AsSpan(0, at + length), .. data.AsSpan(at)];
                }

            default: // random bytes spliced over a region
                {
                    var at = random.Next(data.Length);
                    var length = Math.Min(random.Next(1, 64), data.Length - at);
                    random.NextBytes(data.AsSpan(at, length));
                    return data;
                }
        }
    }
}
