using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols;

namespace Mamori.Sensor.Tests.Protocols;

public class ApplicationParsersTests
{
    [Theory]
    [InlineData(53, "DnsStreamParser")]
    [InlineData(80, "HttpParser")]
    [InlineData(443, "TlsParser")]
    [InlineData(993, "TlsParser")]
    [InlineData(21, "FtpParser")]
    [InlineData(22, "SshParser")]
    [InlineData(23, "TelnetParser")]
    [InlineData(25, "SmtpParser")]
    [InlineData(587, "SmtpParser")]
    [InlineData(110, "Pop3Parser")]
    [InlineData(143, "ImapParser")]
    [InlineData(88, "KerberosStreamParser")]
    [InlineData(445, "SmbParser")]
    [InlineData(3389, "RdpParser")]
    [InlineData(9999, "SniffingStreamParser")]
    public void CreateStreamParser_WellKnownPort_PicksParser(int port, string expected) =>
        Assert.Equal(expected, ApplicationParsers.CreateStreamParser(ProtocolTestKit.Flow(port))!.GetType().Name);

    [Theory]
    [InlineData(53, "DnsDatagramParser")]
    [InlineData(5353, "MulticastNameParser")]
    [InlineData(5355, "MulticastNameParser")]
    [InlineData(137, "NbnsParser")]
    [InlineData(67, "DhcpParser")]
    [InlineData(88, "KerberosDatagramParser")]
    public void GetDatagramParser_WellKnownPort_PicksParser(int port, string expected) =>
        Assert.Equal(expected, ApplicationParsers.GetDatagramParser(ProtocolTestKit.Flow(port, 17))!.GetType().Name);

    [Fact]
    public void GetDatagramParser_UnknownPort_ReturnsNull() => Assert.Null(ApplicationParsers.GetDatagramParser(ProtocolTestKit.Flow(40000, 17)));

    [Fact]
    public void CreateStreamParser_HttpOnOddPort_FoundBySniffing()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => ApplicationParsers.CreateStreamParser(ProtocolTestKit.Flow(8081))!,
            [Segment.Client("GET /x HTTP/1.1\r\nHost: a\r\n\r\n"), Segment.Server("HTTP/1.1 204 No Content\r\n\r\n")]);
        Assert.Equal("/x", Assert.IsType<HttpEvent>(Assert.Single(events)).Uri);
    }

    [Fact]
    public void CreateStreamParser_SshOnOddPort_FoundBySniffingServerBanner()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => ApplicationParsers.CreateStreamParser(ProtocolTestKit.Flow(2222))!,
            [Segment.Server("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"), Segment.Client("SSH-2.0-OpenSSH_9.2p1\r\n")]);
        SshEvent ssh = Assert.IsType<SshEvent>(Assert.Single(events));
        Assert.Equal(("SSH-2.0-OpenSSH_9.2p1", "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"), (ssh.ClientBanner, ssh.ServerBanner));
    }

    [Fact]
    public void CreateStreamParser_UnknownContent_IgnoresFlow() =>
        Assert.Empty(ProtocolTestKit.RunStream(() => ApplicationParsers.CreateStreamParser(ProtocolTestKit.Flow(7000))!,
            [Segment.Client("\u0001\u0002binary"), Segment.Server("GET / HTTP/1.1\r\n\r\n")]));
}
