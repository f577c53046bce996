using System.Text;
using Mamori.Sensor.Events;
using Mamori.Sensor.Inputs;

namespace Mamori.Sensor.Tests.Inputs;

public class EventFileReaderTests
{
    [Theory]
    [InlineData("{\"timestamp\":\"2026-11-01T00:00:00Z\",\"event_type\":\"dns\"}", InputFormat.SuricataEve)]
    [InlineData("{\"ts\":1.0,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.1\"}", InputFormat.ZeekJson)]
    [InlineData("[{\"Id\": 4688}]", InputFormat.WindowsProcess)]
    [InlineData("hello", InputFormat.Unknown)]
    public void Detect_TextFormats(string head, InputFormat format) => Assert.Equal(format, EventFileReader.Detect(Encoding.UTF8.GetBytes(head)));

    [Fact]
    public void Detect_PcapAndPcapngMagic()
    {
        Assert.Equal(InputFormat.Capture, EventFileReader.Detect([0xD4, 0xC3, 0xB2, 0xA1, 2, 0]));
        Assert.Equal(InputFormat.Capture, EventFileReader.Detect([0x0A, 0x0D, 0x0D, 0x0A, 0, 0]));
    }

    [Fact]
    public void ReadStream_CaptureWithoutEngine_ClearError()
    {
        var errors = new List<InputError>();
        var events = EventFileReader.ReadStream(new MemoryStream([0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0]), "a.pcap", errors).ToList();
        Assert.Empty(events);
        Assert.Contains("capture engine", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadStream_LongEveFile_ReadsPastTheSniffedHead()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            builder.Append("{\"timestamp\":\"2026-11-01T00:00:").Append((i % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture))
                .Append("Z\",\"flow_id\":").Append(i).Append(",\"event_type\":\"http\",\"src_ip\":\"10.0.0.1\",\"src_port\":1,\"dest_ip\":\"10.0.0.2\",\"dest_port\":80,\"proto\":\"TCP\",\"http\":{\"hostname\":\"h\",\"url\":\"/")
                .Append(i).Append("\",\"http_method\":\"GET\"}}\n");
        }

        var errors = new List<InputError>();
        var events = EventFileReader.ReadStream(new MemoryStream(Encoding.UTF8.GetBytes(builder.ToString())), "eve.json", errors).ToList();
        Assert.Empty(errors);
        Assert.Equal(500, events.Count);
        Assert.Equal("/499", Assert.IsType<HttpEvent>(events[^1]).Uri);
    }

    [Fact]
    public void Merge_InterleavesByTimestamp()
    {
        var t = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        MetadataEvent At(int s) => new ProcessEvent { Timestamp = t.AddSeconds(s), Image = "x" + s };
        var merged = EventMerger.Merge([[At(1), At(4), At(5)], [At(2), At(3), At(6)]]).Select(e => ((ProcessEvent)e).Image);
        Assert.Equal(["x1", "x2", "x3", "x4", "x5", "x6"], merged);
    }
}
