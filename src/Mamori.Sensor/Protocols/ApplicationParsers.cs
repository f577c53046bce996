using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Dhcp;
using Mamori.Sensor.Protocols.Dns;
using Mamori.Sensor.Protocols.NameServices;

namespace Mamori.Sensor.Protocols;

/// <summary>
/// Chooses the application parser for a flow: by the responder's well-known port first, then by
/// sniffing the first bytes (an HTTP method, a TLS record header, an SSH banner) on other ports.
/// </summary>
public static class ApplicationParsers
{
    /// <summary>
    /// Creates the parser for one TCP connection, or null when no parser applies. Call once per
    /// flow and keep the instance: parsers hold the flow's state between segments.
    /// </summary>
    public static IStreamParser? CreateStreamParser(FlowInfo flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return CreateForPort(flow.Responder.Port) ?? new SniffingStreamParser();
    }

    /// <summary>
    /// Returns the parser for one UDP flow, or null. DNS parsers keep per-flow state (query and
    /// response pairing), so call once per flow, keep the instance and call
    /// <see cref="IDatagramParser.OnClose"/> when the flow ends.
    /// </summary>
    public static IDatagramParser? GetDatagramParser(FlowInfo flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        int responder = flow.Responder.Port;
        int originator = flow.Originator.Port;
        return (responder, originator) switch
        {
            (53, _) or (_, 53) => new DnsDatagramParser(),
            (5353, _) or (_, 5353) => MulticastNameParser.Mdns,
            (5355, _) or (_, 5355) => MulticastNameParser.Llmnr,
            (137, _) => NbnsParser.Instance,
            (67 or 68, _) => DhcpParser.Instance,
            (88, _) => new Kerberos.KerberosDatagramParser(),
            _ => null,
        };
    }

    internal static IStreamParser? CreateForPort(int port) => port switch
    {
        53 => new DnsStreamParser(),
        80 or 8000 or 8008 or 8080 or 8888 or 3128 => new Http.HttpParser(),
        443 or 8443 or 465 or 636 or 853 or 989 or 990 or 993 or 995 or 5061 => new Tls.TlsParser(),
        21 => new Ftp.FtpParser(),
        22 => new Ssh.SshParser(),
        23 => new Telnet.TelnetParser(),
        25 or 587 => new Mail.SmtpParser(),
        110 => new Mail.Pop3Parser(),
        143 => new Mail.ImapParser(),
        88 => new Kerberos.KerberosStreamParser(),
        139 or 445 => new Smb.SmbParser(),
        3389 => new Rdp.RdpParser(),
        _ => null,
    };
}
