using Mamori.Sensor.Protocols.Arp;

namespace Mamori.Sensor.Tests.Protocols.Arp;

public class ArpPacketTests
{
    private static readonly byte[] s_reply =
    [
        0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x02,
        0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 192, 168, 1, 10,
        0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 192, 168, 1, 1,
    ];

    [Fact]
    public void TryRead_Reply_ReturnsAddresses()
    {
        Assert.True(ArpPacket.TryRead(s_reply, out var arp));

        Assert.True(arp.IsReply);
        Assert.Equal(new byte[] { 192, 168, 1, 10 }, arp.SenderAddress.ToArray());
        Assert.Equal(new byte[] { 192, 168, 1, 1 }, arp.TargetAddress.ToArray());
    }

    [Fact]
    public void TryRead_EveryTruncationPrefix_ReturnsFalse()
    {
        for (var length = 0; length < s_reply.Length; length++)
        {
            Assert.False(ArpPacket.TryRead(s_reply.AsSpan(0, length), out _));
        }
    }

    [Fact]
    public void TryRead_UnknownOperation_ReturnsFalse()
    {
        var bad = (byte[])s_reply.Clone();
        bad[7] = 9;

        Assert.False(ArpPacket.TryRead(bad, out _));
    }
}
