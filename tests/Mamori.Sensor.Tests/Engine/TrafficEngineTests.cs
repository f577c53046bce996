using Mamori.Sensor.Capture;
using Mamori.Sensor.Engine;
using Mamori.Sensor.Events;
using Mamori.Sensor.Flows;
using Mamori.Sensor.Protocols;
using Mamori.Sensor.Tests.TestSupport;
using static Mamori.Sensor.Tests.TestSupport.PacketBuilder;

namespace Mamori.Sensor.Tests.Engine;

public partial class TrafficEngineTests
{
    private const string Client = "192.168.10.5";
    private const string Server = "198.51.100.7";

    private static void Feed(TrafficEngine engine, long microseconds, byte[] frame, LinkType linkType = LinkType.Ethernet) =>
        engine.Process(new RawPacket(CaptureWriter.At(microseconds), linkType, frame.Length, frame));

    private static TrafficEngine Create(CollectingSink sink, IStreamParser? stream = null, IDatagramParser? datagram = null, FlowTableOptions? flows = null) =>
        new(sink, new TrafficEngineOptions
        {
            Flows = flows ?? new FlowTableOptions { UidSeed = 42 },
            StreamParserFactory = _ => stream,
            DatagramParserFactory = _ => datagram,
        });

    /// <summary>A complete HTTP-like exchange: handshake, request, response, FIN both ways.</summary>
    private static void FeedConversation(TrafficEngine engine, long start = 0, ushort clientPort = 50123)
    {
        var request = "GET / HTTP/1.1\r\n\r\n"u8.ToArray();
        var response = "HTTP/1.1 200 OK\r\n\r\nhello"u8.ToArray();
        Feed(engine, start + 0, TcpFrame(Client, clientPort, Server, 80, 1000, 0, Syn));
        Feed(engine, start + 10, TcpFrame(Server, 80, Client, clientPort, 5000, 1001, Syn | Ack));
        Feed(engine, start + 20, TcpFrame(Client, clientPort, Server, 80, 1001, 5001, Ack));
        Feed(engine, start + 30, TcpFrame(Client, clientPort, Server, 80, 1001, 5001, Ack | Psh, request));
        Feed(engine, start + 40, TcpFrame(Server, 80, Client, clientPort, 5001, 1001 + (uint)request.Length, Ack | Psh, response));
        Feed(engine, start + 50, TcpFrame(Client, clientPort, Server, 80, 1001 + (uint)request.Length, 5001 + (uint)response.Length, Ack | Fin));
        Feed(engine, start + 60, TcpFrame(Server, 80, Client, clientPort, 5001 + (uint)response.Length, 1002 + (uint)request.Length, Ack | Fin));
        Feed(engine, start + 70, TcpFrame(Client, clientPort, Server, 80, 1002 + (uint)request.Length, 5002 + (uint)response.Length, Ack));
    }

    [Fact]
    public void Process_CompleteTcpConnection_EmitsZeekLikeConnection()
    {
        var sink = new CollectingSink();
        var parser = new RecordingStreamParser();
        using var engine = Create(sink, parser);

        FeedConversation(engine);
        engine.Complete();

        var conn = Assert.Single(sink.Connections);
        Assert.Equal("SF", conn.State);
        Assert.Equal("ShADdFf", conn.History); // the server never sends a bare ACK here, so no 'a'
        Assert.Equal(5, conn.OriginatorPackets);
        Assert.Equal(3, conn.ResponderPackets);
        Assert.Equal(18, conn.OriginatorBytes);
        Assert.Equal(24, conn.ResponderBytes);
        Assert.Equal(TimeSpan.FromTicks(700), conn.Duration);
        Assert.Equal(Client, conn.Flow!.Originator.Address.ToString());
        Assert.Equal(80, conn.Flow.Responder.Port);
        Assert.StartsWith("C", conn.Flow.Uid, StringComparison.Ordinal);
        Assert.StartsWith("1:", conn.Flow.CommunityId, StringComparison.Ordinal);
        Assert.Equal("GET / HTTP/1.1\r\n\r\n"u8.ToArray(), parser.ToResponder.ToArray());
        Assert.Equal("HTTP/1.1 200 OK\r\n\r\nhello"u8.ToArray(), parser.ToOriginator.ToArray());
        Assert.Equal(1, parser.Closed);
        Assert.Equal(1, engine.Counters.EventsByKind["conn"]);
    }

    [Theory]
    [InlineData(false, "S0", "S")]
    [InlineData(true, "REJ", "Sr")]
    public void Process_UnansweredOrRejectedSyn_State(bool reset, string state, string history)
    {
        var sink = new CollectingSink();
        using var engine = Create(sink);

        Feed(engine, 0, TcpFrame(Client, 40000, Server, 22, 1, 0, Syn));
        if (reset)
        {
            Feed(engine, 5, TcpFrame(Server, 22, Client, 40000, 0, 2, Rst | Ack));
        }

        engine.Complete();

        var conn = Assert.Single(sink.Connections);
        Assert.Equal(state, conn.State);
        Assert.Equal(history, conn.History);
    }

    [Fact]
    public void Process_SynAckSeenFirst_FlipsOriginator()
    {
        var sink = new CollectingSink();
        using var engine = Create(sink);

        Feed(engine, 0, TcpFrame(Server, 443, Client, 51000, 9, 2, Syn | Ack));
        Feed(engine, 1, TcpFrame(Client, 51000, Server, 443, 2, 10, Ack));
        engine.Complete();

        var conn = Assert.Single(sink.Connections);
        Assert.Equal(Client, conn.Flow!.Originator.Address.ToString());
        Assert.Equal(443, conn.Flow.Responder.Port);
        Assert.Equal("^hA", conn.History);
    }

    [Fact]
    public void Process_OutOfOrderAndRetransmittedSegments_ParserSeesStreamInOrder()
    {
        var sink = new CollectingSink();
        var parser = new RecordingStreamParser();
        using var engine = Create(sink, parser);
        var data = "0123456789abcdefghij"u8.ToArray();

        Feed(engine, 0, TcpFrame(Client, 40001, Server, 21, 99, 0, Syn));
        Feed(engine, 1, TcpFrame(Server, 21, Client, 40001, 500, 100, Syn | Ack));
        Feed(engine, 2, TcpFrame(Client, 40001, Server, 21, 110, 501, Ack, data[10..]));
        Feed(engine, 3, TcpFrame(Client, 40001, Server, 21, 100, 501, Ack, data[..10]));
        Feed(engine, 4, TcpFrame(Client, 40001, Server, 21, 100, 501, Ack, data[..10]));
        engine.Complete();

        Assert.Equal(data, parser.ToResponder.ToArray());
        var conn = Assert.Single(sink.Connections);
        Assert.Equal(20, conn.OriginatorBytes);
        Assert.Contains('T', conn.History!);
        Assert.Equal(1, engine.Counters.TcpRetransmissions);
    }

    [Fact]
    public void Process_HoleNeverFilled_GapReportedAtEnd()
    {
        var sink = new CollectingSink();
        var parser = new RecordingStreamParser();
        using var engine = Create(sink, parser);

        Feed(engine, 0, TcpFrame(Client, 40002, Server, 25, 0, 0, Syn));
        Feed(engine, 1, TcpFrame(Client, 40002, Server, 25, 1, 0, Ack, [1, 2, 3]));
        Feed(engine, 2, TcpFrame(Client, 40002, Server, 25, 14, 0, Ack, [4, 5]));
        engine.Complete();

        Assert.Equal([(FlowDirection.ToResponder, 10)], parser.Gaps);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, parser.ToResponder.ToArray());
        var conn = Assert.Single(sink.Connections);
        Assert.Equal(10, conn.MissedBytes);
        Assert.Contains('G', conn.History!);
    }

    [Fact]
    public void Process_IdleFlowPastTimeout_EndedAsIdleByPacketTime()
    {
        var sink = new CollectingSink();
        using var engine = Create(sink);

        Feed(engine, 0, UdpFrame(Client, 5000, Server, 53, [1]));
        Feed(engine, 61_000_000, UdpFrame(Client, 5001, Server, 53, [2]));

        var conn = Assert.Single(sink.Connections);
        Assert.Equal("idle", conn.EndReason);
        Assert.Equal(5000, conn.Flow!.Originator.Port);
        Assert.Equal(1, engine.Counters.FlowsExpired);
    }

    [Fact]
    public void Process_TableFull_EvictsLeastRecentlySeenAndCounts()
    {
        var sink = new CollectingSink();
        using var engine = Create(sink, flows: new FlowTableOptions { MaxFlows = 2, UidSeed = 1 });

        for (var i = 0; i < 5; i++)
        {
            Feed(engine, i, UdpFrame(Client, (ushort)(6000 + i), Server, 53, [1]));
        }

        Assert.Equal(3, engine.Counters.FlowsEvicted);
        Assert.Equal([6000, 6001, 6002], sink.Connections.Select(c => c.Flow!.Originator.Port));
        Assert.All(sink.Connections, c => Assert.Equal("evicted", c.EndReason));
    }

    [Fact]
    public void Process_FlowLongerThanActiveTimeout_WritesIntermediateRecord()
    {
        var sink = new CollectingSink();
        using var engine = Create(sink, flows: new FlowTableOptions { ActiveTimeout = TimeSpan.FromSeconds(9), UdpIdleTimeout = TimeSpan.FromMinutes(5) });

        for (var second = 0; second <= 25; second += 5)
        {
            Feed(engine, second * 1_000_000L, UdpFrame(Client, 7000, Server, 123, [1]));
        }

        engine.Complete();

        var records = sink.Connections.ToList();
        Assert.Equal(["active", "active", "end"], records.Select(c => c.EndReason));
        Assert.Equal(6, records.Sum(c => c.OriginatorPackets));
        Assert.Single(records.Select(c => c.Flow!.Uid).Distinct());
    }

    [Fact]
    public void Process_NewSynOnClosedConnection_StartsSecondConnection()
    {
        var sink = new CollectingSink();
        using var engine = Create(sink);

        FeedConversation(engine, 0);
        FeedConversation(engine, 1000);
        engine.Complete();

        Assert.Equal(2, sink.Connections.Count());
        Assert.Equal(2, sink.Connections.Select(c => c.Flow!.Uid).Distinct().Count());
        Assert.All(sink.Connections, c => Assert.Equal("SF", c.State));
    }

    [Fact]
    public void Process_FragmentedUdp_DatagramParserGetsWholePayload()
    {
        var sink = new CollectingSink();
        var parser = new RecordingDatagramParser();
        using var engine = Create(sink, datagram: parser);
        var payload = new byte[2000];
        new Random(3).NextBytes(payload);
        var udp = Udp(5353, 53, payload);
        var first = Ipv4(Client, Server, 17, udp[..1480], identification: 9, moreFragments: true);
        var second = Ipv4(Client, Server, 17, udp[1480..], identification: 9, fragmentOffset: 1480);

        Feed(engine, 0, Ethernet(0x0800, second));
        Feed(engine, 1, Ethernet(0x0800, first));
        engine.Complete();

        var datagram = Assert.Single(parser.Datagrams);
        Assert.Equal(payload, datagram.Payload);
        Assert.Equal(1, engine.Counters.FragmentsReassembled);
        Assert.Equal("n1", sink.Events.OfType<DnsEvent>().Single().Query);
        Assert.Equal("dns", sink.Connections.Single().Service);
    }

    [Fact]
    public void Process_ArpReply_EmitsArpEvent()
    {
        var sink = new CollectingSink();
        using var engine = Create(sink);
        byte[] arp =
        [
            0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x02,
            0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 192, 168, 1, 10,
            0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 192, 168, 1, 1,
        ];

        Feed(engine, 0, Ethernet(0x0806, arp));

        var e = Assert.Single(sink.Events.OfType<ArpEvent>());
        Assert.Equal("reply", e.Operation);
        Assert.Equal("192.168.1.10", e.SenderAddress.ToString());
        Assert.Equal("020000000001", e.SenderMac.ToString());
    }

    [Fact]
    public void Process_VlanTaggedAndRawAndCookedLinkTypes_AllDecoded()
    {
        var sink = new CollectingSink();
        using var engine = Create(sink);
        var ip = Ipv4(Client, Server, 17, Udp(1, 2, [0]));
        var sll = new byte[16 + ip.Length];
        sll[14] = 0x08;
        ip.CopyTo(sll, 16);
        var sll2 = new byte[20 + ip.Length];
        sll2[0] = 0x08;
        ip.CopyTo(sll2, 20);

        Feed(engine, 0, TcpFrame(Client, 1, Server, 2, 0, 0, Syn, null, vlan: 30));
        Feed(engine, 1, ip, LinkType.Raw);
        Feed(engine, 2, sll, LinkType.LinuxSll);
        Feed(engine, 3, sll2, LinkType.LinuxSll2);
        engine.Complete();

        Assert.Equal(0, engine.Counters.DecodeErrors);
        Assert.Equal(4, engine.Counters.Ipv4Packets);
        Assert.Equal((ushort)30, sink.Connections.Single(c => c.Flow!.Protocol == 6).Flow!.Vlan);
        Assert.Equal(3, sink.Connections.Single(c => c.Flow!.Protocol == 17).OriginatorPackets);
    }

    [Fact]
    public void Process_ThrowingParser_CountedAndEngineContinues()
    {
        var sink = new CollectingSink();
        using var engine = Create(sink, new ThrowingStreamParser());

        FeedConversation(engine);
        engine.Complete();

        Assert.Equal(1, engine.Counters.ParserErrors);
        Assert.Equal("SF", Assert.Single(sink.Connections).State);
    }

    [Fact]
    public void Process_IcmpEchoRequestAndReply_OneFlow()
    {
        var sink = new CollectingSink();
        using var engine = Create(sink);

        Feed(engine, 0, Ethernet(0x0800, Ipv4(Client, Server, 1, Icmp(8, 0, 1, 1))));
        Feed(engine, 1, Ethernet(0x0800, Ipv4(Server, Client, 1, Icmp(0, 0, 1, 1))));
        engine.Complete();

        var conn = Assert.Single(sink.Connections);
        Assert.Equal(8, conn.Flow!.Originator.Port);
        Assert.Equal(0, conn.Flow.Responder.Port);
        Assert.Equal("SF", conn.State);
    }

    [Fact]
    public void Process_IcmpUnreachable_OneWayCommunityId()
    {
        var sink = new CollectingSink();
        using var engine = Create(sink);

        Feed(engine, 0, Ethernet(0x0800, Ipv4(Server, Client, 1, Icmp(3, 1, 0, 0, new byte[28]))));
        engine.Complete();

        var conn = Assert.Single(sink.Connections);
        var expected = CommunityId.Compute(
            FlowAddress.FromIPAddress(System.Net.IPAddress.Parse(Server)), 3,
            FlowAddress.FromIPAddress(System.Net.IPAddress.Parse(Client)), 1, 1, oneWay: true);
        Assert.Equal(expected, conn.Flow!.CommunityId);
        Assert.Equal(Server, conn.Flow.Originator.Address.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(536)]
    [InlineData(1448)]
    public void Process_SameStreamAnySegmentation_ParserSeesSameBytes(int segmentSize)
    {
        var sink = new CollectingSink();
        var parser = new RecordingStreamParser();
        using var engine = Create(sink, parser);
        var stream = new byte[5000];
        new Random(11).NextBytes(stream);
        var random = new Random(segmentSize);

        Feed(engine, 0, TcpFrame(Client, 45000, Server, 443, 0, 0, Syn));
        var segments = new List<(uint Sequence, byte[] Data)>();
        for (var offset = 0; offset < stream.Length; offset += segmentSize)
        {
            segments.Add((1 + (uint)offset, stream.AsSpan(offset, Math.Min(segmentSize, stream.Length - offset)).ToArray()));
        }

        // Swap a few neighbours so some segments arrive out of order (within the buffering bound).
        for (var i = 0; i + 1 < segments.Count; i += 2 + random.Next(5))
        {
            (segments[i], segments[i + 1]) = (segments[i + 1], segments[i]);
        }

        var t = 1L;
        foreach (var (sequence, data) in segments)
        {
            Feed(engine, t++, TcpFrame(Client, 45000, Server, 443, sequence, 1, Ack, data));
        }

        engine.Complete();

        Assert.Equal(stream, parser.ToResponder.ToArray());
        Assert.Empty(parser.Gaps);
        Assert.Equal(stream.Length, Assert.Single(sink.Connections).OriginatorBytes);
    }

    [Fact]
    public void Process_ParserReportsLogin_ServiceNamedAfterProtocol()
    {
        var sink = new CollectingSink();
        using var engine = Create(sink, new LoginReportingParser());

        FeedConversation(engine);
        engine.Complete();

        Assert.Equal("ftp", Assert.Single(sink.Connections).Service);
        Assert.Equal(1, engine.Counters.EventsByKind["login"]);
    }

    private sealed class LoginReportingParser : IStreamParser
    {
        private bool _reported;

        public void OnData(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> data)
        {
            if (!_reported)
            {
                _reported = true;
                context.Sink.OnEvent(new LoginEvent { Timestamp = context.Timestamp, Flow = context.Flow, Protocol = LoginProtocol.Ftp, Result = LoginResult.Unknown });
            }
        }

        public void OnGap(in ParserContext context, FlowDirection direction, int length)
        {
        }

        public void OnClose(in ParserContext context)
        {
        }
    }

    [Fact]
    public void AdvanceTime_QuietLink_ExpiresIdleFlows()
    {
        var sink = new CollectingSink();
        using var engine = Create(sink);
        Feed(engine, 0, UdpFrame(Client, 5000, Server, 53, [1]));

        engine.AdvanceTime(new DateTimeOffset(CaptureWriter.At(30_000_000), TimeSpan.Zero));
        Assert.Empty(sink.Connections);
        engine.AdvanceTime(new DateTimeOffset(CaptureWriter.At(61_000_000), TimeSpan.Zero));

        Assert.Equal("idle", Assert.Single(sink.Connections).EndReason);
        Assert.Equal(0, engine.Counters.ActiveFlows);
    }
}
