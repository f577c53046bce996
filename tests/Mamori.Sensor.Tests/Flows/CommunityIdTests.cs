using System.Net;
using Mamori.Sensor.Flows;

namespace Mamori.Sensor.Tests.Flows;

public class CommunityIdTests
{
    // Expected values computed by tshark 4.0.17 (--enable-protocol communityid) on frames with
    // these tuples; the first is also the example in the specification's README.
    [Theory]
    [InlineData("128.232.110.120", 34855, "66.35.250.204", 80, 6, "1:LQU9qZlK+B5F3KDmev6m5PMibrg=")]
    [InlineData("127.0.0.1", 60166, "127.0.0.1", 18080, 6, "1:hhsN6Cz4PS/Uj4qFQmFN6y/Drrw=")]
    [InlineData("127.0.0.1", 44047, "127.0.0.1", 53, 17, "1:bMKBiKQAnGh0iGB/FaX8oBvGUMA=")]
    [InlineData("fe80::200:86ff:fe05:80da", 1900, "fe80::260:97ff:fe07:69ea", 53, 17, "1:kZyOaZu/Va9/wracLJogb1oMNY0=")]
    public void Compute_KnownTuples_MatchesReference(string source, int sourcePort, string destination, int destinationPort, byte protocol, string expected)
    {
        var s = FlowAddress.FromIPAddress(IPAddress.Parse(source));
        var d = FlowAddress.FromIPAddress(IPAddress.Parse(destination));

        Assert.Equal(expected, CommunityId.Compute(s, (ushort)sourcePort, d, (ushort)destinationPort, protocol));
        Assert.Equal(expected, CommunityId.Compute(d, (ushort)destinationPort, s, (ushort)sourcePort, protocol));
    }

    [Theory]
    [InlineData("192.168.1.52", "8.8.8.8", 8, 0, false, "1:PO8f0ddcVIa5b8A405nvf/efItY=")]
    [InlineData("192.168.1.52", "8.8.8.8", 3, 3, false, "1:IgEyaf9T8Az9ou4PV74xes855WE=")]
    [InlineData("3ffe:507:0:1:200:86ff:fe05:80da", "3ffe:501:4819::42", 128, 0, true, "1:L2+R/YnWVEQ2g8bP/5PB9UaIfPk=")]
    public void Compute_Icmp_MatchesReference(string source, string destination, byte type, byte code, bool ipv6, string expected)
    {
        var (sourcePort, destinationPort, oneWay) = CommunityId.MapIcmp(type, code, ipv6);

        var id = CommunityId.Compute(
            FlowAddress.FromIPAddress(IPAddress.Parse(source)), sourcePort,
            FlowAddress.FromIPAddress(IPAddress.Parse(destination)), destinationPort,
            ipv6 ? (byte)58 : (byte)1, oneWay);

        Assert.Equal(expected, id);
    }

    [Fact]
    public void MapIcmp_EchoReplyOfRequest_SameFlow()
    {
        var request = CommunityId.MapIcmp(8, 0, false);
        var reply = CommunityId.MapIcmp(0, 0, false);
        var a = FlowAddress.FromIPAddress(IPAddress.Parse("10.0.0.1"));
        var b = FlowAddress.FromIPAddress(IPAddress.Parse("10.0.0.2"));

        Assert.Equal(
            CommunityId.Compute(a, request.SourcePort, b, request.DestinationPort, 1, request.OneWay),
            CommunityId.Compute(b, reply.SourcePort, a, reply.DestinationPort, 1, reply.OneWay));
    }
}
