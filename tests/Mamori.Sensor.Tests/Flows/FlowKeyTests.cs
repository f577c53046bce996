using System.Net;
using Mamori.Sensor.Flows;

namespace Mamori.Sensor.Tests.Flows;

public class FlowKeyTests
{
    private static readonly FlowAddress s_client = FlowAddress.FromIPAddress(IPAddress.Parse("192.168.0.10"));
    private static readonly FlowAddress s_server = FlowAddress.FromIPAddress(IPAddress.Parse("2001:db8::80"));

    [Fact]
    public void Create_BothDirections_SameKeyAndHash()
    {
        var forward = FlowKey.Create(s_client, 50000, s_server, 443, 6, 0, false, out var forwardFirst);
        var backward = FlowKey.Create(s_server, 443, s_client, 50000, 6, 0, false, out var backwardFirst);

        Assert.Equal(forward, backward);
        Assert.Equal(forward.GetHashCode(), backward.GetHashCode());
        Assert.NotEqual(forwardFirst, backwardFirst);
    }

    [Theory]
    [InlineData(50001, 443, 6, 0)]
    [InlineData(50000, 443, 17, 0)]
    [InlineData(50000, 443, 6, 12)]
    public void Equals_AnyFieldDiffers_NotEqual(int clientPort, int serverPort, byte protocol, int vlan)
    {
        var reference = FlowKey.Create(s_client, 50000, s_server, 443, 6, 0, false, out _);
        var other = FlowKey.Create(s_client, (ushort)clientPort, s_server, (ushort)serverPort, protocol, (ushort)vlan, false, out _);

        Assert.NotEqual(reference, other);
    }

    [Fact]
    public void GetHashCode_PortScan_SpreadsAcrossBuckets()
    {
        var buckets = new HashSet<int>();
        for (ushort port = 1; port <= 4096; port++)
        {
            buckets.Add(FlowKey.Create(s_client, 40000, s_server, port, 6, 0, false, out _).GetHashCode() & 4095);
        }

        Assert.True(buckets.Count > 2400, $"only {buckets.Count} of 4096 buckets used");
    }

    [Fact]
    public void FlowAddress_Ipv4_RoundTrips()
    {
        var address = FlowAddress.FromIPAddress(IPAddress.Parse("10.1.2.3"));

        Assert.True(address.IsIpv4);
        Assert.Equal("10.1.2.3", address.ToString());
        Assert.False(s_server.IsIpv4);
        Assert.Equal("2001:db8::80", s_server.ToString());
    }
}
