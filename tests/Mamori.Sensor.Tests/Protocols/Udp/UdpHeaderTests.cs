using Mamori.Sensor.Protocols.Udp;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Protocols.Udp;

public class UdpHeaderTests
{
    [Fact]
    public void TryRead_LengthShorterThanData_TrimsPayload()
    {
        var datagram = PacketBuilder.Udp(5353, 5353, [1, 2, 3]).Concat(new byte[5]).ToArray();

        Assert.True(UdpHeader.TryRead(datagram, out var udp));

        Assert.Equal(5353, udp.SourcePort);
        Assert.Equal([1, 2, 3], udp.Payload.ToArray());
        Assert.False(udp.Truncated);
    }

    [Fact]
    public void TryRead_EveryTruncationPrefixOfHeader_ReturnsFalse()
    {
        var datagram = PacketBuilder.Udp(1, 2, []);
        for (var length = 0; length < 8; length++)
        {
            Assert.False(UdpHeader.TryRead(datagram.AsSpan(0, length), out _));
        }
    }

    [Fact]
    public void TryRead_LengthFieldBelowHeader_ReturnsFalse()
    {
        var datagram = PacketBuilder.Udp(1, 2, [1]);
        datagram[5] = 4;

        Assert.False(UdpHeader.TryRead(datagram, out _));
    }

    [Fact]
    public void TryRead_LengthBeyondCapture_FlagsTruncated()
    {
        var datagram = PacketBuilder.Udp(1, 2, new byte[20]);

        Assert.True(UdpHeader.TryRead(datagram.AsSpan(0, 12), out var udp));

        Assert.True(udp.Truncated);
        Assert.Equal(4, udp.Payload.Length);
    }
}
