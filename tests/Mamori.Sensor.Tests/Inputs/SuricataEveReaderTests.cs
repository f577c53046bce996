using Mamori.Sensor.Events;
using Mamori.Sensor.Inputs;

namespace Mamori.Sensor.Tests.Inputs;

public class SuricataEveReaderTests
{
    private static (List<MetadataEvent> Events, List<InputError> Errors) Read(string eve)
    {
        var errors = new List<InputError>();
        var events = new SuricataEveReader().Read(new StringReader(eve), "eve.json", errors).ToList();
        return (events, errors);
    }

    [Fact]
    public void Read_DnsQueryAndAnswer_PairedIntoOneEvent()
    {
        const string eve = """
            {"timestamp":"2026-11-01T09:00:00.000000+0900","flow_id":11,"event_type":"dns","src_ip":"10.0.0.7","src_port":5353,"dest_ip":"10.0.0.1","dest_port":53,"proto":"UDP","dns":{"type":"query","id":4660,"rrname":"abcdefgh.example.com","rrtype":"TXT","tx_id":0}}
            {"timestamp":"2026-11-01T09:00:00.010000+0900","flow_id":11,"event_type":"dns","src_ip":"10.0.0.1","src_port":53,"dest_ip":"10.0.0.7","dest_port":5353,"proto":"UDP","dns":{"type":"answer","id":4660,"rrname":"abcdefgh.example.com","rrtype":"TXT","rcode":"NXDOMAIN"}}
            """;
        var (events, errors) = Read(eve);

        Assert.Empty(errors);
        var dns = Assert.IsType<DnsEvent>(Assert.Single(events));
        Assert.Equal("abcdefgh.example.com", dns.Query);
        Assert.Equal(16, dns.QueryType);
        Assert.Equal((byte)3, dns.ResponseCode);
        Assert.Equal("10.0.0.7", dns.Flow!.Originator.Address.ToString());
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), dns.Timestamp);
    }

    [Fact]
    public void Read_DnsV3ResponseWithAnswers()
    {
        const string eve = """
            {"timestamp":"2026-11-01T00:00:00Z","flow_id":12,"event_type":"dns","src_ip":"10.0.0.7","src_port":5353,"dest_ip":"10.0.0.1","dest_port":53,"proto":"UDP","dns":{"version":3,"type":"response","id":1,"rcode":"NOERROR","queries":[{"rrname":"www.example.jp","rrtype":"A"}],"answers":[{"rrname":"www.example.jp","rrtype":"A","ttl":300,"rdata":"192.0.2.5"}]}}
            """;
        var dns = Assert.IsType<DnsEvent>(Assert.Single(Read(eve).Events));
        Assert.Equal(["192.0.2.5"], dns.Answers);
        Assert.Equal((byte)0, dns.ResponseCode);
    }

    [Fact]
    public void Read_HttpTlsFlowAlert()
    {
        const string eve = """
            {"timestamp":"2026-11-01T00:00:01Z","flow_id":13,"event_type":"http","src_ip":"203.0.113.5","src_port":55555,"dest_ip":"10.0.0.80","dest_port":80,"proto":"TCP","http":{"hostname":"shop.example.jp","url":"/.env","http_user_agent":"zgrab/0.x","http_method":"GET","protocol":"HTTP/1.1","status":404,"length":0}}
            {"timestamp":"2026-11-01T00:00:02Z","flow_id":14,"event_type":"tls","src_ip":"10.0.0.8","src_port":50001,"dest_ip":"192.0.2.10","dest_port":443,"proto":"TCP","tls":{"sni":"relay.anydesk.com","version":"TLS 1.3","ja3":{"hash":"abc"},"ja4":"t13d1516h2_8daaf6152771_02713d6af862"}}
            {"timestamp":"2026-11-01T00:00:03Z","flow_id":15,"event_type":"flow","src_ip":"10.0.0.66","src_port":40000,"dest_ip":"10.0.0.9","dest_port":22,"proto":"TCP","flow":{"pkts_toserver":1,"pkts_toclient":0,"bytes_toserver":74,"bytes_toclient":0,"start":"2026-11-01T00:00:00Z","end":"2026-11-01T00:00:03Z","state":"new","reason":"timeout"},"tcp":{"tcp_flags":"02","tcp_flags_ts":"02","tcp_flags_tc":"00","syn":true}}
            {"timestamp":"2026-11-01T00:00:04Z","flow_id":16,"event_type":"flow","src_ip":"10.0.0.66","src_port":40001,"dest_ip":"10.0.0.9","dest_port":23,"proto":"TCP","flow":{"pkts_toserver":1,"pkts_toclient":1,"bytes_toserver":74,"bytes_toclient":60,"start":"2026-11-01T00:00:04Z","end":"2026-11-01T00:00:04Z"},"tcp":{"tcp_flags_ts":"02","tcp_flags_tc":"14"}}
            {"timestamp":"2026-11-01T00:00:05Z","flow_id":17,"event_type":"alert","src_ip":"10.0.0.8","src_port":50002,"dest_ip":"198.51.100.7","dest_port":443,"proto":"TCP","alert":{"signature_id":2030000,"signature":"ET MALWARE Test CnC","category":"A Network Trojan was detected","severity":1}}
            {"timestamp":"2026-11-01T00:00:06Z","event_type":"stats","stats":{"uptime":10}}
            """;
        var (events, errors) = Read(eve);

        Assert.Empty(errors);
        Assert.Equal(5, events.Count);
        Assert.Equal("/.env", Assert.IsType<HttpEvent>(events[0]).Uri);
        Assert.Equal("t13d1516h2_8daaf6152771_02713d6af862", Assert.IsType<TlsEvent>(events[1]).Ja4);
        var s0 = Assert.IsType<ConnectionEvent>(events[2]);
        Assert.Equal("S0", s0.State);
        Assert.Equal("S", s0.History);
        Assert.Equal("REJ", Assert.IsType<ConnectionEvent>(events[3]).State);
        Assert.Equal(1, Assert.IsType<IdsAlertEvent>(events[4]).Severity);
    }

    [Fact]
    public void Read_BrokenLines_SkippedWithLineNumbers()
    {
        const string eve = """
            {"timestamp":"2026-11-01T00:00:01Z","flow_id":13,"event_type":"http","src_ip":"203.0.113.5","src_port":1,"dest_ip":"10.0.0.80","dest_port":80,"proto":"TCP","http":{"hostname":"a","url":"/","http_method":"GET"}}
            {"timestamp":"2026-11-01T00:00:01Z","event_type":"http",
            {"timestamp":"not a time","event_type":"http","src_ip":"1.1.1.1","dest_ip":"2.2.2.2"}
            {"timestamp":"2026-11-01T00:00:01Z","event_type":"http","src_ip":"x","dest_ip":"2.2.2.2"}
            [1,2]
            {"timestamp":"2026-11-01T00:00:02Z","flow_id":14,"event_type":"http","src_ip":"203.0.113.5","src_port":2,"dest_ip":"10.0.0.80","dest_port":80,"proto":"TCP","http":{"hostname":"a","url":"/b","http_method":"GET"}}
            """;
        var (events, errors) = Read(eve);

        Assert.Equal(2, events.Count);
        Assert.Equal([2, 3, 4, 5], errors.Select(e => e.Line));
        Assert.StartsWith("eve.json:2: not valid JSON", errors[0].ToString(), StringComparison.Ordinal);
    }
}
