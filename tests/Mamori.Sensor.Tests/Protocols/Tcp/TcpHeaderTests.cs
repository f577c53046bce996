using Mamori.Sensor.Protocols.Tcp;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Protocols.Tcp;

public class TcpHeaderTests
{
    private static readonly byte[] s_options =
    [
        2, 4, 0x05, 0xB4,            // MSS 1460
        1,                           // NOP
        3, 3, 7,                     // window scale 7
        4, 2,                        // SACK permitted
        8, 10, 0, 0, 0, 1, 0, 0, 0, 2, // timestamps 1, 2
        0, 0,                        // end, padding
    ];

    [Fact]
    public void TryRead_WithOptions_ReturnsFieldsAndPayload()
    {
        var segment = PacketBuilder.Tcp(443, 51000, 1000, 2000, PacketBuilder.Syn | PacketBuilder.Ack, [1, 2], 29200, s_options);

        Assert.True(TcpHeader.TryRead(segment, out var tcp));
        Assert.True(TcpOptionValues.TryRead(tcp.Options, out var options));

        Assert.Equal(443, tcp.SourcePort);
        Assert.Equal(1000u, tcp.Sequence);
        Assert.Equal(TcpControlBits.Syn | TcpControlBits.Ack, tcp.Flags);
        Assert.Equal([1, 2], tcp.Payload.ToArray());
        Assert.Equal(1460, options.MaxSegmentSize);
        Assert.Equal(7, options.WindowScale);
        Assert.True(options.SackPermitted);
        Assert.Equal(1u, options.TimestampValue);
        Assert.Equal(2u, options.TimestampEcho);
    }

    [Fact]
    public void TryRead_EveryTruncationPrefixOfHeader_ReturnsFalse()
    {
        var segment = PacketBuilder.Tcp(1, 2, 3, 4, PacketBuilder.Ack, null, 1, s_options);
        for (var length = 0; length < segment.Length; length++)
        {
            Assert.False(TcpHeader.TryRead(segment.AsSpan(0, length), out _));
        }
    }

    [Fact]
    public void TryRead_DataOffsetBelowFive_ReturnsFalse()
    {
        var segment = PacketBuilder.Tcp(1, 2, 3, 4, PacketBuilder.Ack);
        segment[12] = 0x40;

        Assert.False(TcpHeader.TryRead(segment, out _));
    }

    [Theory]
    [InlineData(new byte[] { 2 })]           // kind without length
    [InlineData(new byte[] { 2, 1, 0, 0 })]  // length below 2
    [InlineData(new byte[] { 8, 12, 0, 0 })] // runs past the end
    public void OptionsTryRead_Malformed_ReturnsFalse(byte[] options)
    {
        Assert.False(TcpOptionValues.TryRead(options, out _));
    }
}
