using System.Net;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Dhcp;

namespace Mamori.Sensor.Tests.Protocols.Dhcp;

public class DhcpParserTests
{
    // busybox udhcpc ("-x hostname:pc-1 -V vendor-1") and dnsmasq 2.89, recorded on a veth pair.
    private static readonly byte[] s_discover = Convert.FromHexString(
        "01010600f9359e04000000000000000000000000000000000000000002000000000100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000638253633501013902024037070103060c0f1c2a0c0470632d313c0876656e646f722d313d0701020000000001ff000000000000000000000000000000000000");

    private static readonly byte[] s_ack = Convert.FromHexString(
        "0201060026d9593700000000000000000a0900f30a09000100000000020000000007000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006382536335010536040a090001330400000e103a04000007083b0400000c4e0104ffffff001c040a0900ff03040a0900010c0470632d37ff0000000000000000");

    [Fact]
    public void OnDatagram_Discover_ReportsInventoryFields()
    {
        DhcpEvent dhcp = Assert.IsType<DhcpEvent>(Assert.Single(DatagramChecks.Run(() => DhcpParser.Instance, 67, (FlowDirection.ToResponder, s_discover))));
        Assert.Equal(("DISCOVER", "020000000001", "pc-1", "vendor-1"), (dhcp.MessageType, dhcp.ClientMac.ToString(), dhcp.HostName, dhcp.VendorClass));
        Assert.Equal("1,3,6,12,15,28,42", dhcp.ParameterRequestList);
        Assert.Null(dhcp.AssignedAddress);
    }

    [Fact]
    public void OnDatagram_Ack_ReportsAssignedAddressAndLease()
    {
        DhcpEvent dhcp = Assert.IsType<DhcpEvent>(Assert.Single(DatagramChecks.Run(() => DhcpParser.Instance, 67, (FlowDirection.ToOriginator, s_ack))));
        Assert.Equal(("ACK", IPAddress.Parse("10.9.0.243"), TimeSpan.FromHours(1), "pc-7"), (dhcp.MessageType, dhcp.AssignedAddress, dhcp.LeaseTime, dhcp.HostName));
    }

    [Fact]
    public void OnDatagram_TruncatedOrMutated_NeverThrowsOrInvents() =>
        DatagramChecks.AssertTruncationsAndMutationsAreSafe(() => DhcpParser.Instance, 67,
            (FlowDirection.ToResponder, s_discover), (FlowDirection.ToOriginator, s_ack));
}
