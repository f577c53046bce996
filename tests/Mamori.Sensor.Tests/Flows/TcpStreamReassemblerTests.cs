using Mamori.Sensor.Flows;

namespace Mamori.Sensor.Tests.Flows;

public class TcpStreamReassemblerTests
{
    private struct Recorder : IStreamConsumer
    {
        public List<byte> Bytes;
        public List<int> Gaps;

        public static Recorder Create() => new() { Bytes = [], Gaps = [] };

        public readonly void OnData(ReadOnlySpan<byte> data) => Bytes.AddRange(data.ToArray());

        public readonly void OnGap(int length) => Gaps.Add(length);
    }

    private static byte[] Stream(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)(i * 7);
        }

        return data;
    }

    [Fact]
    public void OnData_OutOfOrderSegments_DeliveredInOrder()
    {
        var reassembler = new TcpStreamReassembler();
        var recorder = Recorder.Create();
        var data = Stream(300);
        reassembler.OnSyn(999);

        Assert.Equal(SegmentOutcome.Buffered, reassembler.OnData(1200, data.AsSpan(200, 100), ref recorder));
        Assert.Equal(SegmentOutcome.Buffered, reassembler.OnData(1100, data.AsSpan(100, 100), ref recorder));
        Assert.Empty(recorder.Bytes);
        Assert.Equal(SegmentOutcome.Delivered, reassembler.OnData(1000, data.AsSpan(0, 100), ref recorder));

        Assert.Equal(data, recorder.Bytes.ToArray());
        Assert.Equal(0, reassembler.PendingSegments);
    }

    [Fact]
    public void OnData_RetransmissionAndOverlap_DeliveredOnce()
    {
        var reassembler = new TcpStreamReassembler();
        var recorder = Recorder.Create();
        var data = Stream(200);
        reassembler.OnSyn(0);

        reassembler.OnData(1, data.AsSpan(0, 100), ref recorder);
        Assert.Equal(SegmentOutcome.Retransmission, reassembler.OnData(1, data.AsSpan(0, 100), ref recorder));
        var outcome = reassembler.OnData(51, data.AsSpan(50, 150), ref recorder);

        Assert.Equal(SegmentOutcome.Delivered | SegmentOutcome.Retransmission, outcome);
        Assert.Equal(data, recorder.Bytes.ToArray());
    }

    [Fact]
    public void OnData_SequenceWrapsAround_StaysInOrder()
    {
        var reassembler = new TcpStreamReassembler();
        var recorder = Recorder.Create();
        var data = Stream(100);
        reassembler.OnSyn(uint.MaxValue - 50);

        reassembler.OnData(unchecked(uint.MaxValue - 49 + 60), data.AsSpan(60, 40), ref recorder);
        reassembler.OnData(uint.MaxValue - 49, data.AsSpan(0, 60), ref recorder);

        Assert.Equal(data, recorder.Bytes.ToArray());
    }

    [Fact]
    public void OnData_BufferFull_GivesUpHoleAsGap()
    {
        var reassembler = new TcpStreamReassembler();
        var recorder = Recorder.Create();
        reassembler.OnSyn(0);
        var segment = new byte[10];
        for (var i = 0; i <= TcpStreamReassembler.MaxBufferedSegments; i++)
        {
            reassembler.OnData((uint)(1 + 100 + (i * 10)), segment, ref recorder);
        }

        Assert.Equal([100], recorder.Gaps);
        Assert.Equal(100, reassembler.MissedBytes);
        Assert.Equal((TcpStreamReassembler.MaxBufferedSegments + 1) * 10, recorder.Bytes.Count);
    }

    [Fact]
    public void Flush_WithHole_ReportsGapThenDeliversRest()
    {
        var reassembler = new TcpStreamReassembler();
        var recorder = Recorder.Create();
        reassembler.OnSyn(0);
        reassembler.OnData(1, new byte[10], ref recorder);
        reassembler.OnData(31, new byte[5], ref recorder);

        var outcome = reassembler.Flush(ref recorder);

        Assert.True((outcome & SegmentOutcome.Gap) != 0);
        Assert.Equal([20], recorder.Gaps);
        Assert.Equal(15, recorder.Bytes.Count);
    }

    [Fact]
    public void OnData_HugeForwardJump_ResynchronisesInsteadOfBuffering()
    {
        var reassembler = new TcpStreamReassembler();
        var recorder = Recorder.Create();
        reassembler.OnSyn(0);

        var outcome = reassembler.OnData(1 + (64u * 1024 * 1024), new byte[3], ref recorder);

        Assert.True((outcome & SegmentOutcome.Gap) != 0);
        Assert.Equal(3, recorder.Bytes.Count);
        Assert.Equal(0, reassembler.PendingSegments);
    }
}
