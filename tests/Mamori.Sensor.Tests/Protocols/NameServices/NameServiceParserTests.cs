using System.Net;
using System.Text;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.NameServices;

namespace Mamori.Sensor.Tests.Protocols.NameServices;

public class NameServiceParserTests
{
    [Fact]
    public void OnDatagram_MdnsAnnouncement_ReportsNameAndAddress()
    {
        // An unsolicited mDNS response (RFC 6762 §8.3): printer.local A 192.168.1.50, cache-flush class.
        byte[] message = [0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0,
            7, .. "printer"u8, 5, .. "local"u8, 0, 0, 1, 0x80, 1, 0, 0, 0, 120, 0, 4, 192, 168, 1, 50];
        List<MetadataEvent> events = DatagramChecks.Run(() => MulticastNameParser.Mdns, 5353, (FlowDirection.ToResponder, message));
        NameEvent name = Assert.Single(events.OfType<NameEvent>());
        Assert.Equal(("mdns", "printer.local", true, IPAddress.Parse("192.168.1.50")), (name.Source, name.Name, name.IsAnnouncement, name.Address));
        Assert.Single(events.OfType<DnsEvent>());
        DatagramChecks.AssertTruncationsAndMutationsAreSafe(() => MulticastNameParser.Mdns, 5353, (FlowDirection.ToResponder, message));
    }

    [Fact]
    public void OnDatagram_LlmnrQuery_ReportsQueriedName()
    {
        byte[] message = [0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 6, .. "fileSV"u8, 0, 0, 1, 0, 1];
        NameEvent name = Assert.Single(DatagramChecks.Run(() => MulticastNameParser.Llmnr, 5355, (FlowDirection.ToResponder, message)).OfType<NameEvent>());
        Assert.Equal(("llmnr", "fileSV", false), (name.Source, name.Name, name.IsAnnouncement));
    }

    [Fact]
    public void OnDatagram_NbnsRegistration_DecodesFirstLevelEncoding()
    {
        // NAME REGISTRATION REQUEST (RFC 1002 §4.2.2), broadcast, for WORKSTATION1<00> at 192.168.1.23.
        byte[] message = [0x80, 0x01, 0x29, 0x10, 0, 1, 0, 0, 0, 0, 0, 1,
            .. Encoded("WORKSTATION1", 0x00), 0, 0, 0x20, 0, 1,
            0xC0, 12, 0, 0x20, 0, 1, 0, 4, 0x93, 0xE0, 0, 6, 0, 0, 192, 168, 1, 23];
        NameEvent name = Assert.IsType<NameEvent>(Assert.Single(DatagramChecks.Run(() => NbnsParser.Instance, 137, (FlowDirection.ToResponder, message))));
        Assert.Equal(("nbns", "WORKSTATION1", true, IPAddress.Parse("192.168.1.23")), (name.Source, name.Name, name.IsAnnouncement, name.Address));
        DatagramChecks.AssertTruncationsAndMutationsAreSafe(() => NbnsParser.Instance, 137, (FlowDirection.ToResponder, message));
    }

    [Fact]
    public void OnDatagram_NbnsQuery_ReportsQueryNotAnnouncement()
    {
        byte[] message = [0x80, 0x02, 0x01, 0x10, 0, 1, 0, 0, 0, 0, 0, 0, .. Encoded("FILESERVER", 0x20), 0, 0, 0x20, 0, 1];
        NameEvent name = Assert.IsType<NameEvent>(Assert.Single(DatagramChecks.Run(() => NbnsParser.Instance, 137, (FlowDirection.ToResponder, message))));
        Assert.Equal(("FILESERVER", false, (IPAddress?)null), (name.Name, name.IsAnnouncement, name.Address));
    }

    /// <summary>RFC 1001 §14.1 first-level encoding: pad to 15, add the suffix, split each byte into two letters.</summary>
    private static byte[] Encoded(string name, byte suffix)
    {
        byte[] raw = [.. Encoding.ASCII.GetBytes(name.PadRight(15)), suffix];
        return [32, .. raw.SelectMany(b => new[] { (byte)('A' + (b >> 4)), (byte)('A' + (b & 0xF)) })];
    }
}
