using Mamori.Sensor.Capture;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Capture;

public class PcapngReaderTests
{
    private static List<TestFrame> Frames(int count, int interfaces = 1)
    {
        var frames = new List<TestFrame>();
        for (var i = 0; i < count; i++)
        {
            frames.Add(new TestFrame(CaptureWriter.At((i * 1_234_567) + 89), PacketBuilder.UdpFrame("192.0.2.1", (ushort)(2000 + i), "192.0.2.9", 53, new byte[i % 5]), i % interfaces));
        }

        return frames;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryReadPacket_EnhancedPacketBlocks_ReadInEitherByteOrder(bool bigEndian)
    {
        var frames = Frames(7);
        var read = CapturedFrame.ReadAll(CaptureWriter.Pcapng(frames, bigEndian));

        Assert.Equal(7, read.Count);
        Assert.All(frames.Zip(read), p =>
        {
            Assert.Equal(p.First.Ticks, p.Second.Ticks);
            Assert.Equal(p.First.Data, p.Second.Data);
        });
    }

    [Fact]
    public void TryReadPacket_InterfacesWithOwnLinkTypeAndResolution_UsesEach()
    {
        var ethernet = new TestFrame(CaptureWriter.At(1_000_001), PacketBuilder.UdpFrame("10.1.1.1", 5, "10.1.1.2", 6, [1]), 0);
        var raw = new TestFrame(CaptureWriter.At(2_000_002), PacketBuilder.Ipv4("10.1.1.3", "10.1.1.4", 17, PacketBuilder.Udp(7, 8, [2])), 1);
        var file = CaptureWriter.Pcapng([ethernet, raw], linkTypes: [1, 101], resolutions: [6, 9]);

        var read = CapturedFrame.ReadAll(file);

        Assert.Equal(2, read.Count);
        Assert.Equal(LinkType.Ethernet, read[0].LinkType);
        Assert.Equal(LinkType.Raw, read[1].LinkType);
        Assert.Equal(1, read[1].InterfaceId);
        Assert.Equal(ethernet.Ticks, read[0].Ticks);
        Assert.Equal(raw.Ticks, read[1].Ticks);
    }

    [Fact]
    public void TryReadPacket_BinaryResolution_ConvertsTimestamp()
    {
        var frame = new TestFrame(CaptureWriter.At(3_500_000), PacketBuilder.UdpFrame("10.1.1.1", 5, "10.1.1.2", 6, [1]));
        var read = CapturedFrame.ReadAll(CaptureWriter.Pcapng([frame], resolutions: [0x80 | 20]));

        Assert.InRange(read[0].Ticks, frame.Ticks - 10, frame.Ticks + 10);
    }

    [Fact]
    public void TryReadPacket_SimpleAndObsoleteBlocksAndUnknownBlocks_AllHandled()
    {
        var data = PacketBuilder.UdpFrame("10.0.0.1", 1, "10.0.0.2", 2, [9, 9, 9]);
        using var file = new MemoryStream();
        file.Write(CaptureWriter.SectionHeader(false));
        file.Write(CaptureWriter.Block(0x0BADBEEF, new byte[12], false)); // unknown: skipped
        file.Write(CaptureWriter.InterfaceDescription(1, false));
        file.Write(CaptureWriter.SimplePacket(data, false));
        file.Write(CaptureWriter.ObsoletePacket(new TestFrame(CaptureWriter.At(10), data), false));
        file.Write(CaptureWriter.Block(5, new byte[12], false)); // interface statistics: skipped
        file.Write(CaptureWriter.EnhancedPacket(new TestFrame(CaptureWriter.At(20), data), false));

        using var reader = CaptureReader.Open(new MemoryStream(file.ToArray()));
        var read = CapturedFrame.ReadAll(reader);

        Assert.Equal(3, read.Count);
        Assert.All(read, f => Assert.Equal(data, f.Data));
        Assert.Empty(reader.Statistics.Errors);
    }

    [Fact]
    public void TryReadPacket_SecondSectionWithOtherByteOrder_Reads()
    {
        var first = CaptureWriter.Pcapng(Frames(2), bigEndian: false);
        var second = CaptureWriter.Pcapng(Frames(3), bigEndian: true, linkTypes: [101]);

        var read = CapturedFrame.ReadAll([.. first, .. second]);

        Assert.Equal(5, read.Count);
        Assert.Equal(LinkType.Raw, read[4].LinkType);
    }

    [Fact]
    public void TryReadPacket_PacketBeforeInterface_ReportedAndSkipped()
    {
        using var file = new MemoryStream();
        file.Write(CaptureWriter.SectionHeader(false));
        var early = file.Position;
        file.Write(CaptureWriter.EnhancedPacket(new TestFrame(CaptureWriter.At(1), [1, 2, 3]), false));
        file.Write(CaptureWriter.InterfaceDescription(1, false));
        file.Write(CaptureWriter.EnhancedPacket(new TestFrame(CaptureWriter.At(2), [4, 5, 6]), false));

        using var reader = CaptureReader.Open(new MemoryStream(file.ToArray()));
        var read = CapturedFrame.ReadAll(reader);

        Assert.Single(read);
        Assert.Equal(early, reader.Statistics.Errors[0].Offset);
        Assert.Contains("undeclared interface", reader.Statistics.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadPacket_OneByteReads_SameAsWholeBuffer()
    {
        var file = CaptureWriter.Pcapng(Frames(12, interfaces: 2), linkTypes: [1, 1], resolutions: [6, 9]);

        var whole = CapturedFrame.ReadAll(file);
        var split = CapturedFrame.ReadAll(file, chunk: 1);

        Assert.Equal(12, whole.Count);
        Assert.All(whole.Zip(split), p => Assert.True(p.First.SameAs(p.Second)));
    }

    [Fact]
    public void TryReadPacket_EveryTruncationPrefix_NeverThrowsAndReturnsWholeBlocks()
    {
        var frames = Frames(3);
        var file = CaptureWriter.Pcapng(frames);
        for (var length = 28; length < file.Length; length++)
        {
            using var reader = CaptureReader.Open(new MemoryStream(file[..length]));
            var read = CapturedFrame.ReadAll(reader);
            Assert.True(read.Count <= 3);
            Assert.All(read.Zip(frames), p => Assert.Equal(p.Second.Data, p.First.Data));
            Assert.True(reader.Statistics.BadRecords <= 1);
        }
    }

    [Fact]
    public void TryReadPacket_CorruptBlockLength_ReportsOffsetAndResynchronises()
    {
        var frames = Frames(5);
        var file = CaptureWriter.Pcapng(frames);
        var shbAndIdb = CaptureWriter.SectionHeader(false).Length + CaptureWriter.InterfaceDescription(1, false).Length;
        var secondEpb = shbAndIdb + CaptureWriter.EnhancedPacket(frames[0], false).Length;
        BitConverter.GetBytes(0x00FF_FF00u + 4).CopyTo(file, secondEpb + 4);

        using var reader = CaptureReader.Open(new MemoryStream(file));
        var read = CapturedFrame.ReadAll(reader);

        Assert.Equal(4, read.Count);
        Assert.Equal(frames[4].Data, read[3].Data);
        Assert.Equal(secondEpb, reader.Statistics.Errors[0].Offset);
        Assert.Equal(1, reader.Statistics.BadRecords);
    }

    [Fact]
    public void TryReadPacket_InterfaceStatisticsBlocks_DropsAreLatestTotal()
    {
        static byte[] Statistics(long drops)
        {
            var body = new byte[12 + 12 + 4];
            BitConverter.GetBytes((ushort)5).CopyTo(body, 12);
            BitConverter.GetBytes((ushort)8).CopyTo(body, 14);
            BitConverter.GetBytes(drops).CopyTo(body, 16);
            return CaptureWriter.Block(5, body, false);
        }

        var data = PacketBuilder.UdpFrame("10.0.0.1", 1, "10.0.0.2", 2, [1]);
        using var file = new MemoryStream();
        file.Write(CaptureWriter.SectionHeader(false));
        file.Write(CaptureWriter.InterfaceDescription(1, false));
        file.Write(Statistics(3));
        file.Write(CaptureWriter.EnhancedPacket(new TestFrame(CaptureWriter.At(1), data), false));
        file.Write(Statistics(10));

        using var reader = CaptureReader.Open(new MemoryStream(file.ToArray()));
        CapturedFrame.ReadAll(reader);

        Assert.Equal(10, reader.Statistics.Dropped);
    }
}
