using System.Buffers.Binary;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols;
using Mamori.Sensor.Protocols.Dns;

namespace Mamori.Sensor.Tests.Protocols.Dns;

public class DnsParserTests
{
    // dig 9.18 asking dnsmasq 2.89 for www.example.test (a CNAME to host.example.test), recorded on loopback.
    private static readonly byte[] s_query = Convert.FromHexString(
        "ee240120000100000000000103777777076578616d706c650474657374000001000100002904d000000000000c000a0008045c682e2ccb585e");

    private static readonly byte[] s_response = Convert.FromHexString(
        "ee248580000100020000000103777777076578616d706c6504746573740000010001c00c0005000100000000001304686f7374076578616d706c65047465737400c02e000100010000000000040a01020400002904d0000000000000");

    [Fact]
    public void OnDatagram_QueryThenResponse_OneEventWithAnswers()
    {
        DnsEvent dns = Assert.IsType<DnsEvent>(Assert.Single(DatagramChecks.Run(() => new DnsDatagramParser(), 53,
            (FlowDirection.ToResponder, s_query), (FlowDirection.ToOriginator, s_response))));
        Assert.Equal(("www.example.test", "A", "NOERROR", 0xee24), (dns.Query, dns.QueryTypeName, dns.ResponseCodeName, (int)dns.TransactionId));
        Assert.Equal(["host.example.test", "10.1.2.4"], dns.Answers);
        Assert.Equal([0u, 0u], dns.Ttls);
        Assert.Equal((s_query.Length, s_response.Length, "udp"), (dns.QueryLength, dns.ResponseLength, dns.Transport));
    }

    [Fact]
    public void OnClose_UnansweredQuery_ReportedWithoutResponse()
    {
        DnsEvent dns = Assert.IsType<DnsEvent>(Assert.Single(DatagramChecks.Run(() => new DnsDatagramParser(), 53, (FlowDirection.ToResponder, s_query))));
        Assert.Null(dns.ResponseCode);
        Assert.Empty(dns.Answers);
    }

    [Fact]
    public void OnDatagram_ManyUnansweredQueries_TableStaysBounded()
    {
        var parser = new DnsDatagramParser();
        var sink = new CollectingSink();
        ParserContext context = ProtocolTestKit.Context(ProtocolTestKit.Flow(53, 17), sink);
        for (int i = 0; i < 1000; i++)
        {
            byte[] query = (byte[])s_query.Clone();
            BinaryPrimitives.WriteUInt16BigEndian(query, (ushort)i);
            parser.OnDatagram(context, FlowDirection.ToResponder, query);
        }

        Assert.Equal(1000 - DnsTransactions.Capacity, sink.Events.Count);
        parser.OnClose(context);
        Assert.Equal(1000, sink.Events.Count);
    }

    [Fact]
    public void OnData_TcpMessagesSplitAnywhere_SameEvents()
    {
        Segment[] segments =
        [
            Segment.Client([.. Prefix(s_query), .. Prefix(s_query)]),
            Segment.Server([.. Prefix(s_response)]),
        ];
        List<MetadataEvent> events = StreamParserChecks.AssertSplitInvariant(() => new DnsStreamParser(), segments);
        Assert.Equal(2, events.Count);
        Assert.All(events.OfType<DnsEvent>(), e => Assert.Equal("tcp", e.Transport));
        StreamParserChecks.AssertTruncationsAreSafe(() => new DnsStreamParser(), segments);
        StreamParserChecks.AssertGarbageIsSafe(() => new DnsStreamParser(), segments);
    }

    [Fact]
    public void OnDatagram_TruncatedOrMutated_NeverThrowsOrInvents() =>
        DatagramChecks.AssertTruncationsAndMutationsAreSafe(() => new DnsDatagramParser(), 53,
            (FlowDirection.ToResponder, s_query), (FlowDirection.ToOriginator, s_response));

    [Fact]
    public void TryReadName_PointerLoop_ReturnsFalse()
    {
        // Header, then a name that is a pointer to itself, and one pointing to its predecessor.
        byte[] message = [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1];
        int offset = 12;
        Assert.False(DnsMessageReader.TryReadName(message, ref offset, new byte[DnsLayout.MaxNameLength], out _));
        Assert.False(DnsMessageReader.TryRead(message, collectAddresses: false, out _));

        byte[] twoStep = [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, (byte)'a', 0xC0, 16, 0xC0, 12];
        offset = 12;
        Assert.False(DnsMessageReader.TryReadName(twoStep, ref offset, new byte[DnsLayout.MaxNameLength], out _));
    }

    [Fact]
    public void TryReadName_OddBytes_AreEscaped()
    {
        byte[] message = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, (byte)'a', (byte)'.', 0x07, 2, (byte)'b', (byte)'c', 0];
        int offset = 12;
        byte[] output = new byte[DnsLayout.MaxNameLength];
        Assert.True(DnsMessageReader.TryReadName(message, ref offset, output, out int written));
        Assert.Equal("a\\.\\007.bc", System.Text.Encoding.ASCII.GetString(output, 0, written));
        Assert.Equal(message.Length, offset);
    }

    private static byte[] Prefix(byte[] message) => [(byte)(message.Length >> 8), (byte)message.Length, .. message];
}
