using Mamori.Sensor.Capture;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Inputs;
using Mamori.Sensor.Pipeline;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Pipeline;

public class SensorPipelineTests
{
    /// <summary>SYN then RST from <paramref name="ports"/> closed ports of 10.0.0.9: a vertical scan when ≥ 15.</summary>
    private static List<TestFrame> Scan(int ports)
    {
        var frames = new List<TestFrame>();
        for (var i = 0; i < ports; i++)
        {
            var port = (ushort)(1000 + i);
            var at = i * 20_000L;
            frames.Add(new TestFrame(CaptureWriter.At(at), PacketBuilder.TcpFrame("10.0.0.66", (ushort)(40000 + i), "10.0.0.9", port, 1, 0, PacketBuilder.Syn)));
            frames.Add(new TestFrame(CaptureWriter.At(at + 100), PacketBuilder.TcpFrame("10.0.0.9", port, "10.0.0.66", (ushort)(40000 + i), 0, 2, PacketBuilder.Rst | PacketBuilder.Ack)));
        }

        return frames;
    }

    private static string WriteTemp(byte[] content, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mamori-pipeline-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, content);
        return path;
    }

    [Theory]
    [InlineData(new byte[] { 0xD4, 0xC3, 0xB2, 0xA1 }, true)]
    [InlineData(new byte[] { 0xA1, 0xB2, 0xC3, 0xD4 }, true)]
    [InlineData(new byte[] { 0x4D, 0x3C, 0xB2, 0xA1 }, true)]
    [InlineData(new byte[] { 0x0A, 0x0D, 0x0D, 0x0A }, true)]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'t', (byte)'s' }, false)]
    [InlineData(new byte[] { 0xD4, 0xC3 }, false)]
    public void IsCapture_MagicNumber_RecognisesPcapAndPcapngOnly(byte[] head, bool expected) =>
        Assert.Equal(expected, SensorPipeline.IsCapture(head));

    [Fact]
    public void Run_ScanCapture_ReportsPortScanAndCounts()
    {
        var pipeline = new SensorPipeline();
        using var source = CaptureReader.Open(new MemoryStream(CaptureWriter.Pcap(Scan(20))));

        var engine = pipeline.Run(source);
        var alerts = pipeline.Complete();

        Assert.Equal(40, engine.Packets);
        Assert.Equal(40, pipeline.Counters.Packets);
        Assert.Equal(20, pipeline.Counters.Flows);
        Assert.Equal(1, pipeline.Counters.Captures);
        Assert.Equal(20, pipeline.Counters.EventsByKind["conn"]);
        var alert = Assert.Single(alerts);
        Assert.Equal(AlertType.PortScan, alert.Type);
        Assert.Equal("10.0.0.66", alert.Src.Ip);
        Assert.Equal("10.0.0.9", alert.Dst?.Ip);
        Assert.Equal(1, pipeline.Counters.Alerts);
    }

    [Fact]
    public void Run_FourteenPorts_NoAlert()
    {
        var pipeline = new SensorPipeline();
        using var source = CaptureReader.Open(new MemoryStream(CaptureWriter.Pcap(Scan(14))));

        pipeline.Run(source);

        Assert.Empty(pipeline.Complete());
    }

    [Fact]
    public void ReadFile_PcapngWithoutExtension_PulledEventsGiveTheSameAlertsAsPush()
    {
        var path = WriteTemp(CaptureWriter.Pcapng(Scan(20)), ".bin");
        try
        {
            var pulled = new SensorPipeline();
            var errors = new List<InputError>();
            long lastProgress = 0;
            pulled.Consume(pulled.ReadFile(path, errors, n => lastProgress = n));
            var pushed = new SensorPipeline();
            using (var source = CaptureReader.Open(path))
            {
                pushed.Run(source);
            }

            Assert.Empty(errors);
            Assert.Equal(new FileInfo(path).Length, lastProgress);
            Assert.Equal(pushed.Counters.Events, pulled.Counters.Events);
            Assert.Equal(pushed.Counters.Packets, pulled.Counters.Packets);
            Assert.Equal(
                pushed.Complete().Select(a => (a.Type, a.Src.Ip, a.Dst?.Ip, a.Count)),
                pulled.Complete().Select(a => (a.Type, a.Src.Ip, a.Dst?.Ip, a.Count)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadFile_TruncatedCapture_ReportsErrorWithOffsetAndKeepsEarlierPackets()
    {
        var capture = CaptureWriter.Pcap(Scan(20));
        var path = WriteTemp(capture[..^10], ".pcap");
        try
        {
            var pipeline = new SensorPipeline();
            var errors = new List<InputError>();

            pipeline.Consume(pipeline.ReadFile(path, errors));

            Assert.NotEmpty(errors);
            Assert.StartsWith("offset ", errors[0].Message, StringComparison.Ordinal);
            Assert.Contains("truncated record", errors[0].Message, StringComparison.Ordinal);
            Assert.Equal(39, pipeline.Counters.Packets);
            Assert.True(pipeline.Counters.CaptureErrors >= 1);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadFile_SuricataEve_GoesToTheLogReaders()
    {
        var line = """{"timestamp":"2026-11-01T09:00:00.000000+0000","event_type":"dns","src_ip":"10.0.0.5","src_port":53000,"dest_ip":"10.0.0.53","dest_port":53,"proto":"UDP","dns":{"type":"query","id":1,"rrname":"www.example.jp","rrtype":"A"}}""";
        var path = WriteTemp(System.Text.Encoding.UTF8.GetBytes(line + "\n"), ".pcap");
        try
        {
            var pipeline = new SensorPipeline();
            var errors = new List<InputError>();

            var events = pipeline.ReadFile(path, errors).ToList();

            Assert.Empty(errors);
            Assert.Single(events);
            Assert.Equal(0, pipeline.Counters.Captures);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
