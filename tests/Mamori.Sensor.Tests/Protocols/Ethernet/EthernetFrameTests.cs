using Mamori.Sensor.Protocols.Ethernet;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Protocols.Ethernet;

public class EthernetFrameTests
{
    [Fact]
    public void TryRead_Untagged_ReturnsEtherTypeAndPayload()
    {
        var frame = PacketBuilder.Ethernet(EtherTypes.Ipv4, [1, 2, 3]);

        Assert.True(EthernetFrame.TryRead(frame, out var ethernet));

        Assert.Equal(EtherTypes.Ipv4, ethernet.EtherType);
        Assert.Equal(0, ethernet.VlanCount);
        Assert.Equal([1, 2, 3], ethernet.Payload.ToArray());
        Assert.Equal(PacketBuilder.ClientMac, ethernet.Source.ToArray());
    }

    [Fact]
    public void TryRead_QinQ_ReturnsOuterVlanAndInnerEtherType()
    {
        var frame = PacketBuilder.Ethernet(EtherTypes.Ipv6, [9], null, null, 100, 200);

        Assert.True(EthernetFrame.TryRead(frame, out var ethernet));

        Assert.Equal(EtherTypes.Ipv6, ethernet.EtherType);
        Assert.Equal(2, ethernet.VlanCount);
        Assert.Equal(100, ethernet.Vlan);
        Assert.Equal([9], ethernet.Payload.ToArray());
    }

    [Fact]
    public void TryRead_EveryTruncationPrefixOfTaggedHeader_ReturnsFalse()
    {
        var frame = PacketBuilder.Ethernet(EtherTypes.Ipv4, [], null, null, 10, 20);
        for (var length = 0; length < frame.Length; length++)
        {
            Assert.False(EthernetFrame.TryRead(frame.AsSpan(0, length), out _));
        }

        Assert.True(EthernetFrame.TryRead(frame, out _));
    }

    [Fact]
    public void TryRead_TooManyTags_ReturnsFalse()
    {
        var frame = PacketBuilder.Ethernet(EtherTypes.Ipv4, new byte[40], null, null, 1, 2, 3, 4, 5);

        Assert.False(EthernetFrame.TryRead(frame, out _));
    }
}
