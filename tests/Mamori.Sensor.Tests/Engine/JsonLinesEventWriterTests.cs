using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using System.Text.Json;
using Mamori.Sensor.Engine;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Tests.Engine;

public class JsonLinesEventWriterTests
{
    private static readonly FlowInfo s_flow = new()
    {
        Uid = "CabcdefGHIJ0123456",
        CommunityId = "1:hO+sN4H+MG5MY/8hIrXPqc4ZQz0=",
        Protocol = 17,
        Originator = new IPEndPoint(IPAddress.Parse("10.0.0.5"), 50000),
        Responder = new IPEndPoint(IPAddress.Parse("2001:db8::53"), 53),
        Vlan = 20,
    };

    private static JsonElement[] Write(params MetadataEvent[] events)
    {
        using var stream = new MemoryStream();
        using (var writer = new JsonLinesEventWriter(stream, leaveOpen: true))
        {
            foreach (var e in events)
            {
                writer.OnEvent(e);
            }
        }

        return [.. Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
    }

    [Fact]
    public void OnEvent_Dns_WritesZeekFieldNamesOneLineEach()
    {
        var lines = Write(
            new DnsEvent
            {
                Timestamp = new DateTimeOffset(2026, 1, 1, 0, 0, 1, 500, TimeSpan.Zero),
                Flow = s_flow,
                Query = "www.example.co.jp",
                QueryType = 1,
                QueryTypeName = "A",
                ResponseCode = 0,
                ResponseCodeName = "NOERROR",
                Answers = ["192.0.2.1"],
                Ttls = [300],
            },
            new DnsEvent { Timestamp = DateTimeOffset.UnixEpoch, Query = "second" });

        Assert.Equal(2, lines.Length);
        var dns = lines[0];
        Assert.Equal(1_767_225_601.5m, dns.GetProperty("ts").GetDecimal());
        Assert.Equal("dns", dns.GetProperty("kind").GetString());
        Assert.Equal("CabcdefGHIJ0123456", dns.GetProperty("uid").GetString());
        Assert.Equal("10.0.0.5", dns.GetProperty("id.orig_h").GetString());
        Assert.Equal(50000, dns.GetProperty("id.orig_p").GetInt32());
        Assert.Equal("2001:db8::53", dns.GetProperty("id.resp_h").GetString());
        Assert.Equal(53, dns.GetProperty("id.resp_p").GetInt32());
        Assert.Equal("udp", dns.GetProperty("proto").GetString());
        Assert.Equal(20, dns.GetProperty("vlan").GetInt32());
        Assert.Equal("1:hO+sN4H+MG5MY/8hIrXPqc4ZQz0=", dns.GetProperty("community_id").GetString());
        Assert.Equal("www.example.co.jp", dns.GetProperty("query").GetString());
        Assert.Equal("NOERROR", dns.GetProperty("rcode_name").GetString());
        Assert.Equal(300, dns.GetProperty("TTLs")[0].GetInt32());
        Assert.False(lines[1].TryGetProperty("uid", out _));
    }

    [Fact]
    public void OnEvent_ConnectionAndArp_WritesStartAsTsAndMacsZeekStyle()
    {
        var lines = Write(
            new ConnectionEvent
            {
                Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(10),
                Start = DateTimeOffset.UnixEpoch.AddSeconds(7),
                Duration = TimeSpan.FromSeconds(3),
                Flow = s_flow,
                State = "SF",
                History = "ShADadFf",
                OriginatorBytes = 5,
            },
            new ArpEvent
            {
                Timestamp = DateTimeOffset.UnixEpoch,
                Operation = "reply",
                SenderMac = PhysicalAddress.Parse("02-00-5E-10-00-01"),
                SenderAddress = IPAddress.Parse("192.168.1.10"),
                TargetAddress = IPAddress.Parse("192.168.1.1"),
            });

        Assert.Equal(7m, lines[0].GetProperty("ts").GetDecimal());
        Assert.Equal(3m, lines[0].GetProperty("duration").GetDecimal());
        Assert.Equal("SF", lines[0].GetProperty("conn_state").GetString());
        Assert.Equal("02:00:5e:10:00:01", lines[1].GetProperty("src_mac").GetString());
    }

    [Fact]
    public void OnEvent_LoginWithPlaintextPassword_WritesFlagNeverAPassword()
    {
        var line = Write(new LoginEvent
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            Flow = s_flow,
            Protocol = LoginProtocol.Ftp,
            User = "alice",
            Result = LoginResult.Failure,
            PlaintextPassword = true,
            Status = "530",
        })[0];

        Assert.Equal("Ftp", line.GetProperty("protocol").GetString());
        Assert.True(line.GetProperty("plaintext_password").GetBoolean());
        Assert.Equal("Failure", line.GetProperty("result").GetString());
    }
}
