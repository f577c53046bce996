using Mamori.Sensor.Protocols.Icmp;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Protocols.Icmp;

public class IcmpHeaderTests
{
    [Fact]
    public void TryRead_EchoRequest_ReturnsIdentifierAndSequence()
    {
        var message = PacketBuilder.Icmp(IcmpTypes.EchoRequest, 0, 0x1234, 7, [1, 2, 3]);

        Assert.True(IcmpHeader.TryRead(message, out var icmp));

        Assert.Equal(IcmpTypes.EchoRequest, icmp.Type);
        Assert.Equal(0x1234, icmp.Identifier);
        Assert.Equal(7, icmp.Sequence);
        Assert.Equal(3, icmp.Payload.Length);
    }

    [Fact]
    public void TryRead_EveryTruncationPrefix_ReturnsFalse()
    {
        var message = PacketBuilder.Icmp(IcmpTypes.V6EchoReply, 0, 1, 1);
        for (var length = 0; length < 8; length++)
        {
            Assert.False(IcmpHeader.TryRead(message.AsSpan(0, length), out _));
        }
    }
}
