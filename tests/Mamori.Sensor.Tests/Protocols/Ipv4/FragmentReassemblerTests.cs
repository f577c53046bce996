using Mamori.Sensor.Flows;
using Mamori.Sensor.Protocols.Ipv4;

namespace Mamori.Sensor.Tests.Protocols.Ipv4;

public class FragmentReassemblerTests
{
    private static readonly FlowAddress s_a = new(0, 0x0000_FFFF_0A00_0001);
    private static readonly FlowAddress s_b = new(0, 0x0000_FFFF_0A00_0002);

    [Fact]
    public void Add_OutOfOrderFragments_CompletesWithOriginalBytes()
    {
        using var reassembler = new FragmentReassembler();
        var datagram = new byte[3000];
        new Random(1).NextBytes(datagram);

        Assert.Equal(FragmentResult.Pending, reassembler.Add(s_a, s_b, 5, 17, 2960, false, datagram.AsSpan(2960), 0, out _));
        Assert.Equal(FragmentResult.Pending, reassembler.Add(s_a, s_b, 5, 17, 0, true, datagram.AsSpan(0, 1480), 1, out _));
        var result = reassembler.Add(s_a, s_b, 5, 17, 1480, true, datagram.AsSpan(1480, 1480), 2, out var whole);

        Assert.Equal(FragmentResult.Complete, result);
        Assert.Equal(datagram, whole.ToArray());
        Assert.Equal(1, reassembler.Reassembled);
    }

    [Fact]
    public void Add_AfterTimeout_AbandonsOldDatagram()
    {
        using var reassembler = new FragmentReassembler(TimeSpan.FromSeconds(1));
        reassembler.Add(s_a, s_b, 9, 17, 0, true, new byte[8], 0, out _);

        var result = reassembler.Add(s_a, s_b, 9, 17, 8, false, new byte[8], TimeSpan.FromSeconds(2).Ticks, out _);

        Assert.Equal(FragmentResult.Pending, result);
        Assert.Equal(1, reassembler.Abandoned);
    }

    [Fact]
    public void Add_ManyIncompleteDatagrams_MemoryStaysBoundedAndCounted()
    {
        using var reassembler = new FragmentReassembler();
        for (uint id = 0; id < 1000; id++)
        {
            reassembler.Add(s_a, s_b, id, 17, 0, true, new byte[8], id, out _);
        }

        Assert.Equal(1000 - FragmentReassembler.MaxDatagrams, reassembler.Abandoned);
    }

    [Theory]
    [InlineData(65_530, 16, false)] // past 64 KiB
    [InlineData(0, 13, true)]       // non-final fragment not a multiple of 8
    public void Add_Malformed_Dropped(int offset, int length, bool more)
    {
        using var reassembler = new FragmentReassembler();

        Assert.Equal(FragmentResult.Dropped, reassembler.Add(s_a, s_b, 1, 17, offset, more, new byte[length], 0, out _));
    }
}
