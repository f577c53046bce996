using Mamori.Sensor.Protocols.Ipv4;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Protocols.Ipv4;

public class Ipv4HeaderTests
{
    [Fact]
    public void TryRead_WithEthernetPadding_PayloadStopsAtTotalLength()
    {
        var packet = PacketBuilder.Ipv4("10.0.0.1", "10.0.0.2", 17, [1, 2, 3, 4]);
        var padded = packet.Concat(new byte[10]).ToArray();

        Assert.True(Ipv4Header.TryRead(padded, out var ip));

        Assert.Equal(4, ip.Payload.Length);
        Assert.Equal(17, ip.Protocol);
        Assert.False(ip.IsFragment);
        Assert.False(ip.Truncated);
        Assert.Equal(new byte[] { 10, 0, 0, 2 }, ip.Destination.ToArray());
    }

    [Fact]
    public void TryRead_SnapLengthCut_FlagsTruncated()
    {
        var packet = PacketBuilder.Ipv4("10.0.0.1", "10.0.0.2", 6, new byte[100]);

        Assert.True(Ipv4Header.TryRead(packet.AsSpan(0, 60), out var ip));

        Assert.True(ip.Truncated);
        Assert.Equal(40, ip.Payload.Length);
    }

    [Fact]
    public void TryRead_Fragment_ReportsOffsetAndFlag()
    {
        var packet = PacketBuilder.Ipv4("10.0.0.1", "10.0.0.2", 17, new byte[16], identification: 77, fragmentOffset: 1480, moreFragments: true);

        Assert.True(Ipv4Header.TryRead(packet, out var ip));

        Assert.True(ip.IsFragment);
        Assert.True(ip.MoreFragments);
        Assert.Equal(1480, ip.FragmentOffset);
        Assert.Equal(77, ip.Identification);
    }

    [Fact]
    public void TryRead_EveryTruncationPrefixOfHeader_ReturnsFalse()
    {
        var packet = PacketBuilder.Ipv4("10.0.0.1", "10.0.0.2", 17, []);
        for (var length = 0; length < 20; length++)
        {
            Assert.False(Ipv4Header.TryRead(packet.AsSpan(0, length), out _));
        }
    }

    [Theory]
    [InlineData(0x44)] // header length 16
    [InlineData(0x65)] // version 6
    [InlineData(0x4F)] // header length 60 > data
    public void TryRead_BadVersionOrHeaderLength_ReturnsFalse(byte versionAndLength)
    {
        var packet = PacketBuilder.Ipv4("10.0.0.1", "10.0.0.2", 17, new byte[8]);
        packet[0] = versionAndLength;

        Assert.False(Ipv4Header.TryRead(packet, out _));
    }

    [Fact]
    public void TryRead_TotalLengthBelowHeader_ReturnsFalse()
    {
        var packet = PacketBuilder.Ipv4("10.0.0.1", "10.0.0.2", 17, new byte[8]);
        packet[2] = 0;
        packet[3] = 10;

        Assert.False(Ipv4Header.TryRead(packet, out _));
    }
}
