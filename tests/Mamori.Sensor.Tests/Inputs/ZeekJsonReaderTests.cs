using Mamori.Sensor.Events;
using Mamori.Sensor.Inputs;

namespace Mamori.Sensor.Tests.Inputs;

public class ZeekJsonReaderTests
{
    private static (List<MetadataEvent> Events, List<InputError> Errors) Read(string log, string name)
    {
        var errors = new List<InputError>();
        return (new ZeekJsonReader(name).Read(new StringReader(log), name, errors).ToList(), errors);
    }

    [Fact]
    public void Read_ConnLog()
    {
        const string log = """
            {"ts":1793523600.123456,"uid":"CmF3x01a9VpXkQ2b","id.orig_h":"10.0.0.66","id.orig_p":40000,"id.resp_h":"10.0.0.9","id.resp_p":22,"proto":"tcp","conn_state":"S0","history":"S","orig_pkts":1,"resp_pkts":0,"orig_bytes":0,"resp_bytes":0,"duration":3.0}
            """;
        var conn = Assert.IsType<ConnectionEvent>(Assert.Single(Read(log, "conn.log").Events));
        Assert.Equal("S0", conn.State);
        Assert.Equal((byte)6, conn.Flow!.Protocol);
        Assert.Equal(TimeSpan.FromSeconds(3), conn.Duration);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1793523600123), conn.Start.AddTicks(-(conn.Start.Ticks % TimeSpan.TicksPerMillisecond)));
    }

    [Fact]
    public void Read_DnsHttpSslWithoutFileNameHints_RecognisedByFields()
    {
        const string log = """
            {"ts":"2026-11-01T00:00:00.000000Z","uid":"C1","id.orig_h":"10.0.0.7","id.orig_p":5353,"id.resp_h":"10.0.0.1","id.resp_p":53,"proto":"udp","query":"x1y2z3.example.com","qtype":16,"qtype_name":"TXT","rcode":3,"rcode_name":"NXDOMAIN","answers":[],"TTLs":[]}
            {"ts":"2026-11-01T00:00:01.000000Z","uid":"C2","id.orig_h":"203.0.113.5","id.orig_p":1234,"id.resp_h":"10.0.0.80","id.resp_p":80,"method":"GET","host":"shop.example.jp","uri":"/wp-login.php","user_agent":"sqlmap/1.7","status_code":404}
            {"ts":"2026-11-01T00:00:02.000000Z","uid":"C3","id.orig_h":"10.0.0.8","id.orig_p":5000,"id.resp_h":"192.0.2.10","id.resp_p":443,"version":"TLSv13","server_name":"relay.anydesk.com","established":true}
            """;
        var (events, errors) = Read(log, "mixed.json");
        Assert.Empty(errors);
        Assert.Equal((byte)3, Assert.IsType<DnsEvent>(events[0]).ResponseCode);
        Assert.Equal(404, Assert.IsType<HttpEvent>(events[1]).StatusCode);
        Assert.Equal("relay.anydesk.com", Assert.IsType<TlsEvent>(events[2]).ServerName);
    }

    [Fact]
    public void Read_SshLog_AlsoEmitsLoginEvent()
    {
        const string log = """
            {"ts":1793523600.0,"uid":"C4","id.orig_h":"203.0.113.5","id.orig_p":4000,"id.resp_h":"10.0.0.9","id.resp_p":22,"auth_success":false,"auth_attempts":3,"client":"SSH-2.0-libssh_0.9.6","server":"SSH-2.0-OpenSSH_9.2p1"}
            {"ts":1793523601.0,"uid":"C5","id.orig_h":"203.0.113.5","id.orig_p":4001,"id.resp_h":"10.0.0.9","id.resp_p":22,"client":"SSH-2.0-libssh_0.9.6"}
            """;
        var events = Read(log, "ssh.log").Events;
        Assert.Equal(3, events.Count);
        var login = Assert.IsType<LoginEvent>(events[1]);
        Assert.Equal(LoginProtocol.Ssh, login.Protocol);
        Assert.Equal(LoginResult.Failure, login.Result);
    }

    [Fact]
    public void Read_SmbFilesLog_WritesAndReadsBecomeSmbFileEventsThatFeedTheLateralCopyRule()
    {
        const string log = """
            {"ts":1793523600.0,"uid":"C6","id.orig_h":"10.0.0.5","id.orig_p":50123,"id.resp_h":"10.0.0.9","id.resp_p":445,"fuid":"F1","action":"SMB::FILE_OPEN","path":"\\\\10.0.0.9\\ADMIN$","name":"PSEXESVC.exe","size":0}
            {"ts":1793523600.1,"uid":"C6","id.orig_h":"10.0.0.5","id.orig_p":50123,"id.resp_h":"10.0.0.9","id.resp_p":445,"fuid":"F1","action":"SMB::FILE_WRITE","path":"\\\\10.0.0.9\\ADMIN$","name":"PSEXESVC.exe","size":0}
            {"ts":1793523601.0,"uid":"C7","id.orig_h":"10.0.0.5","id.orig_p":50124,"id.resp_h":"10.0.0.9","id.resp_p":445,"fuid":"F2","action":"SMB::FILE_READ","path":"\\\\10.0.0.9\\share","name":"a.docx","size":10}
            """;
        var (events, errors) = Read(log, "mixed.json");

        Assert.Empty(errors);
        Assert.Equal(2, events.Count);
        var write = Assert.IsType<SmbFileEvent>(events[0]);
        Assert.Equal((SmbFileAction.Write, @"\\10.0.0.9\ADMIN$", "ADMIN$", "PSEXESVC.exe"), (write.Action, write.Path, write.Share, write.Name));
        Assert.Equal(SmbFileAction.Read, Assert.IsType<SmbFileEvent>(events[1]).Action);
        var engine = new Mamori.Sensor.Detection.DetectionEngine();
        events.ForEach(engine.OnEvent);
        engine.Flush();
        Assert.Equal(Mamori.Sensor.Detection.AlertType.AbnormalProcess, Assert.Single(engine.Alerts.ToList()).Type);
    }

    [Fact]
    public void Read_BrokenLines_SkippedWithLineNumbers()
    {
        const string log = """
            #separator \x09
            {"ts":1793523600.0,"uid":"C1","id.orig_h":"10.0.0.66","id.orig_p":1,"id.resp_h":"10.0.0.9","id.resp_p":22,"proto":"tcp","conn_state":"S0"}
            {"ts":1793523600.0,"uid":
            {"uid":"C1","id.orig_h":"10.0.0.66","conn_state":"S0"}
            {"ts":1793523600.0,"uid":"C1","id.orig_h":"nope","id.orig_p":1,"id.resp_h":"10.0.0.9","id.resp_p":22,"proto":"tcp","conn_state":"S0"}
            """;
        var (events, errors) = Read(log, "conn.log");
        Assert.Single(events);
        Assert.Equal([3, 4, 5], errors.Select(e => e.Line));
    }
}
