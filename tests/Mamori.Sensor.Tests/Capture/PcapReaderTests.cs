using System.Buffers;
using Mamori.Sensor.Capture;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Capture;

public class PcapReaderTests
{
    private static List<TestFrame> SampleFrames(int count = 5)
    {
        var frames = new List<TestFrame>();
        for (var i = 0; i < count; i++)
        {
            var payload = new byte[i * 7];
            Array.Fill(payload, (byte)i);
            frames.Add(new TestFrame(CaptureWriter.At(i * 1_000_123), PacketBuilder.UdpFrame("10.0.0.1", (ushort)(1000 + i), "10.0.0.2", 53, payload)));
        }

        return frames;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void TryReadPacket_BothByteOrdersAndResolutions_ReturnsFramesWithTimestamps(bool bigEndian, bool nanoseconds)
    {
        var frames = SampleFrames();
        var file = CaptureWriter.Pcap(frames, bigEndian, nanoseconds);

        var read = CapturedFrame.ReadAll(file);

        Assert.Equal(frames.Count, read.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[i].Ticks, read[i].Ticks);
            Assert.Equal(frames[i].Data, read[i].Data);
            Assert.Equal(LinkType.Ethernet, read[i].LinkType);
        }
    }

    [Fact]
    public void TryReadPacket_OneByteReads_SameAsWholeBuffer()
    {
        var file = CaptureWriter.Pcap(SampleFrames(20));

        var whole = CapturedFrame.ReadAll(file);
        var split = CapturedFrame.ReadAll(file, chunk: 1);
        var odd = CapturedFrame.ReadAll(file, chunk: 13);

        Assert.Equal(20, whole.Count);
        Assert.All(whole.Zip(split), p => Assert.True(p.First.SameAs(p.Second)));
        Assert.All(whole.Zip(odd), p => Assert.True(p.First.SameAs(p.Second)));
    }

    [Fact]
    public void TryReadPacket_EveryTruncationPrefix_ReturnsWholeRecordsOnlyAndReportsOffset()
    {
        var frames = SampleFrames(3);
        var file = CaptureWriter.Pcap(frames);
        var recordEnds = new List<int>();
        var end = 24;
        foreach (var frame in frames)
        {
            end += 16 + frame.Data.Length;
            recordEnds.Add(end);
        }

        for (var length = 24; length < file.Length; length++)
        {
            using var reader = new PcapReader(new MemoryStream(file[..length]));
            var read = CapturedFrame.ReadAll(reader);
            var complete = recordEnds.Count(e => e <= length);
            Assert.Equal(complete, read.Count);
            if (length == 24 || recordEnds.Contains(length))
            {
                Assert.Empty(reader.Statistics.Errors);
            }
            else
            {
                Assert.Equal(1, reader.Statistics.BadRecords);
                var error = reader.Statistics.Errors[0];
                Assert.Equal(complete == 0 ? 24 : recordEnds[complete - 1], error.Offset);
                Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void FileHeader_TryRead_EveryPrefix_NeedsMoreData()
    {
        var file = CaptureWriter.Pcap([]);
        for (var length = 0; length < 24; length++)
        {
            Assert.Equal(OperationStatus.NeedMoreData, PcapFileHeader.TryRead(file.AsSpan(0, length), out _));
        }

        Assert.Equal(OperationStatus.Done, PcapFileHeader.TryRead(file, out var header));
        Assert.Equal(LinkType.Ethernet, header.LinkType);
    }

    [Fact]
    public void Constructor_BadMagic_ThrowsWithOffsetZero()
    {
        var garbage = new byte[64];
        Array.Fill(garbage, (byte)0x42);

        var exception = Assert.Throws<CaptureFormatException>(() => CaptureReader.Open(new MemoryStream(garbage)));

        Assert.Equal(0, exception.Offset);
        Assert.Contains("magic", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadPacket_GiantRecordLength_ReportsOffsetAndResynchronises()
    {
        var frames = SampleFrames(6);
        var file = CaptureWriter.Pcap(frames);
        var second = 24 + 16 + frames[0].Data.Length;
        BitConverter.GetBytes(0x7FFF_FFF0u).CopyTo(file, second + 8);

        using var reader = new PcapReader(new MemoryStream(file));
        var read = CapturedFrame.ReadAll(reader);

        Assert.Equal(5, read.Count);
        Assert.Equal(frames[2].Data, read[1].Data);
        Assert.Equal(1, reader.Statistics.BadRecords);
        Assert.Equal(second, reader.Statistics.Errors[0].Offset);
        Assert.Contains("exceeds", reader.Statistics.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(16 + frames[1].Data.Length, reader.Statistics.SkippedBytes);
    }

    [Fact]
    public void TryReadPacket_GarbageBetweenRecords_SkipsItAndContinues()
    {
        var frames = SampleFrames(4);
        var head = CaptureWriter.Pcap(frames.Take(2));
        var garbage = new byte[777];
        new Random(7).NextBytes(garbage);
        garbage[8] = 0xFF; // make the first "header" at the garbage implausible for sure
        garbage[11] = 0x7F;
        var tail = frames.Skip(2).SelectMany(f => CaptureWriter.PcapRecord(f)).ToArray();
        var file = head.Concat(garbage).Concat(tail).ToArray();

        using var reader = new PcapReader(new MemoryStream(file));
        var read = CapturedFrame.ReadAll(reader);

        Assert.Equal(4, read.Count);
        Assert.Equal(frames[3].Data, read[3].Data);
        Assert.True(reader.Statistics.BadRecords >= 1);
        Assert.Equal(head.Length, reader.Statistics.Errors[0].Offset);
    }

    [Fact]
    public void TryReadPacket_ZeroLengthRecord_CountedAndSkipped()
    {
        var frames = SampleFrames(3);
        frames.Insert(1, new TestFrame(CaptureWriter.At(5), []));
        var file = CaptureWriter.Pcap(frames);

        using var reader = new PcapReader(new MemoryStream(file));
        var read = CapturedFrame.ReadAll(reader);

        Assert.Equal(3, read.Count);
        Assert.Equal(1, reader.Statistics.BadRecords);
        Assert.Contains("zero-length", reader.Statistics.Errors[0].Message, StringComparison.Ordinal);
    }
}
