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

    [Fact]
    public void OnEvent_SmbFile_WritesZeekSmbFilesFieldsAndTheAnswer()
    {
        var lines = Write(
            new SmbFileEvent
            {
                Timestamp = DateTimeOffset.UnixEpoch,
                Flow = s_flow,
                Action = SmbFileAction.Create,
                Path = @"\\10.0.0.9\ADMIN$",
                Share = "ADMIN$",
                Name = "PSEXESVC.exe",
                Succeeded = true,
                Status = "0x00000000",
            },
            new SmbFileEvent { Timestamp = DateTimeOffset.UnixEpoch, Action = SmbFileAction.Write, Path = @"\\PC2\C$", Share = "C$", Name = @"Temp\a.ps1" });

        Assert.Equal("smb_files", lines[0].GetProperty("kind").GetString());
        Assert.Equal("SMB::FILE_CREATE", lines[0].GetProperty("action").GetString());
        Assert.Equal(@"\\10.0.0.9\ADMIN$", lines[0].GetProperty("path").GetString());
        Assert.Equal("ADMIN$", lines[0].GetProperty("share").GetString());
        Assert.Equal("PSEXESVC.exe", lines[0].GetProperty("name").GetString());
        Assert.True(lines[0].GetProperty("succeeded").GetBoolean());
        Assert.Equal("0x00000000", lines[0].GetProperty("status").GetString());
        Assert.Equal("SMB::FILE_WRITE", lines[1].GetProperty("action").GetString());
        Assert.False(lines[1].TryGetProperty("succeeded", out _));
        Assert.False(lines[1].TryGetProperty("status", out _));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(10_000_000L)]
    [InlineData(-10_000_000L)]
    [InlineData(15_000_000L)]
    [InlineData(17_672_256_015_000_000L)]
    [InlineData(17_672_256_010_000_221L)]
    [InlineData(1_234_567L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void FormatSeconds_SameTextAsDecimalDivision(long ticks)
    {
        Span<byte> text = stackalloc byte[32];
        var length = JsonLinesEventWriter.FormatSeconds(ticks, text);
        Assert.Equal((ticks / 10_000_000m).ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(text[..length]));
    }

    [Fact]
    public void FormatSeconds_RandomTicks_SameTextAsDecimalDivision()
    {
        var random = new Random(7);
        Span<byte> text = stackalloc byte[32];
        for (var i = 0; i < 10_000; i++)
        {
            var ticks = random.NextInt64(-100_000_000_000_000_000, 100_000_000_000_000_000) / (long)Math.Pow(10, random.Next(8));
            var length = JsonLinesEventWriter.FormatSeconds(ticks, text);
            Assert.Equal((ticks / 10_000_000m).ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(text[..length]));
        }
    }

    [Fact]
    public void OnEvent_ManyEvents_WritesEveryLineInOrderAcrossBlocks()
    {
        var events = new List<MetadataEvent>();
        for (var i = 0; i < 5_000; i++)
        {
            events.Add(new DnsEvent { Timestamp = DateTimeOffset.UnixEpoch.AddTicks(i), Flow = s_flow, Query = "host" + i + ".example.co.jp" });
        }

        var lines = Write([.. events]);

        // 5,000 DNS lines are about 2 MB: several blocks of JsonLinesEventWriter.BlockSize.
        Assert.Equal(5_000, lines.Length);
        Assert.Equal("host4999.example.co.jp", lines[^1].GetProperty("query").GetString());
        Assert.Equal(0.0000001m, lines[1].GetProperty("ts").GetDecimal());
    }

    [Fact]
    public void OnEvent_WritesNothingToTheStreamUntilABlockIsFull()
    {
        using var stream = new MemoryStream();
        using var writer = new JsonLinesEventWriter(stream, leaveOpen: true);
        writer.OnEvent(new DnsEvent { Timestamp = DateTimeOffset.UnixEpoch, Flow = s_flow, Query = "one.example" });
        Assert.Equal(0, stream.Length);
        writer.Flush();
        Assert.EndsWith("\n", Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void OnEvent_FlushIntervalZero_WritesEveryLineAtOnce()
    {
        using var stream = new MemoryStream();
        using var writer = new JsonLinesEventWriter(stream, leaveOpen: true) { FlushInterval = TimeSpan.Zero };
        writer.OnEvent(new DnsEvent { Timestamp = DateTimeOffset.UnixEpoch, Flow = s_flow, Query = "one.example" });
        var first = stream.Length;
        writer.OnEvent(new DnsEvent { Timestamp = DateTimeOffset.UnixEpoch, Flow = s_flow, Query = "two.example" });

        Assert.True(first > 0);
        Assert.True(stream.Length > first);
    }
}
