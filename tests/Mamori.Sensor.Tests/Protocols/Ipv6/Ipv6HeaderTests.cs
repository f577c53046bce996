using Mamori.Sensor.Protocols.Ipv6;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Protocols.Ipv6;

public class Ipv6HeaderTests
{
    [Fact]
    public void TryRead_NoExtensions_ReturnsUpperLayer()
    {
        var packet = PacketBuilder.Ipv6("2001:db8::1", "2001:db8::2", IpProtocols.Udp, PacketBuilder.Udp(1, 2, [7]));

        Assert.True(Ipv6Header.TryRead(packet, out var ip));

        Assert.Equal(IpProtocols.Udp, ip.Protocol);
        Assert.Equal(9, ip.Payload.Length);
        Assert.Equal(0, ip.ExtensionHeaderCount);
    }

    [Fact]
    public void TryRead_HopByHopRoutingDestinationOptions_WalksToTcp()
    {
        byte[] extensions =
        [
            IpProtocols.Routing, 0, 1, 4, 0, 0, 0, 0,            // hop-by-hop (8 bytes) -> routing
            IpProtocols.DestinationOptions, 0, 0, 0, 0, 0, 0, 0, // routing (8 bytes) -> destination options
            IpProtocols.Tcp, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // destination options (16 bytes) -> TCP
        ];
        var tcp = PacketBuilder.Tcp(1000, 80, 1, 0, PacketBuilder.Syn);
        var packet = PacketBuilder.Ipv6("2001:db8::1", "2001:db8::2", IpProtocols.HopByHop, tcp, extensions);

        Assert.True(Ipv6Header.TryRead(packet, out var ip));

        Assert.Equal(IpProtocols.Tcp, ip.Protocol);
        Assert.Equal(3, ip.ExtensionHeaderCount);
        Assert.Equal(tcp, ip.Payload.ToArray());
    }

    [Fact]
    public void TryRead_FragmentHeader_ReportsFragment()
    {
        byte[] fragment = [IpProtocols.Udp, 0, 0x05, 0xC9, 0, 0, 0x12, 0x34]; // offset 1480 (0x5C8 | M)
        var packet = PacketBuilder.Ipv6("2001:db8::1", "2001:db8::2", IpProtocols.Fragment, new byte[16], fragment);

        Assert.True(Ipv6Header.TryRead(packet, out var ip));

        Assert.True(ip.IsFragment);
        Assert.True(ip.MoreFragments);
        Assert.Equal(1480, ip.FragmentOffset);
        Assert.Equal(0x1234u, ip.FragmentIdentification);
        Assert.Equal(IpProtocols.Udp, ip.Protocol);
    }

    [Fact]
    public void TryRead_ExtensionHeaderRunsPastPacket_ReturnsFalse()
    {
        byte[] extensions = [IpProtocols.Tcp, 200, 0, 0, 0, 0, 0, 0];
        var packet = PacketBuilder.Ipv6("2001:db8::1", "2001:db8::2", IpProtocols.HopByHop, [], extensions);

        Assert.False(Ipv6Header.TryRead(packet, out _));
    }

    [Fact]
    public void TryRead_ChainOfTooManyHeaders_ReturnsFalse()
    {
        var extensions = new byte[8 * 20];
        for (var i = 0; i < 20; i++)
        {
            extensions[i * 8] = IpProtocols.DestinationOptions;
        }

        var packet = PacketBuilder.Ipv6("2001:db8::1", "2001:db8::2", IpProtocols.DestinationOptions, [], extensions);

        Assert.False(Ipv6Header.TryRead(packet, out _));
    }

    [Fact]
    public void TryRead_EveryTruncationPrefixOfHeader_ReturnsFalse()
    {
        var packet = PacketBuilder.Ipv6("2001:db8::1", "2001:db8::2", IpProtocols.Udp, []);
        for (var length = 0; length < 40; length++)
        {
            Assert.False(Ipv6Header.TryRead(packet.AsSpan(0, length), out _));
        }
    }
}
