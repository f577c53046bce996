using System.CommandLine;
using System.Text.Json;
using Mamori.Cli.Commands;

namespace Mamori.Cli.Tests.Commands;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("mamori-analyze-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string EveFlow(int i, string src, string dst, int port) =>
        $$$"""{"timestamp":"2026-11-01T00:00:{{{i % 60:00}}}Z","flow_id":{{{i}}},"event_type":"flow","src_ip":"{{{src}}}","src_port":{{{40000 + i}}},"dest_ip":"{{{dst}}}","dest_port":{{{port}}},"proto":"TCP","flow":{"pkts_toserver":1,"pkts_toclient":0,"bytes_toserver":74,"bytes_toclient":0,"start":"2026-11-01T00:00:{{{i % 60:00}}}Z","end":"2026-11-01T00:00:{{{i % 60:00}}}Z"},"tcp":{"tcp_flags_ts":"02","tcp_flags_tc":"00"}}""";

    [Fact]
    public async Task Invoke_EveZeekAndIntel_WritesAlertsJsonAndJapaneseReport()
    {
        var eve = Write("eve.json", string.Join('\n', Enumerable.Range(0, 20).Select(i => EveFlow(i, "10.0.0.66", "10.0.0.9", 1000 + i))) + "\n{broken\n");
        var zeek = Write("conn.log", """{"ts":1793523600.0,"uid":"C1","id.orig_h":"10.0.0.8","id.orig_p":50000,"id.resp_h":"198.51.100.77","id.resp_p":443,"proto":"tcp","conn_state":"SF","orig_bytes":500,"resp_bytes":900}""" + "\n");
        var feodo = Write("ipblocklist.txt", "# Feodo Tracker\n198.51.100.77\n");
        var outDir = Path.Combine(_dir.FullName, "out");
        var output = new StringWriter();
        var root = new RootCommand { AnalyzeCommand.Create() };

        var exit = await root.Parse(["analyze", eve, zeek, "--intel", feodo, "--out", outDir]).InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("eve.json:21: not valid JSON", text, StringComparison.Ordinal);
        Assert.Contains("port_scan", text, StringComparison.Ordinal);
        Assert.Contains("known_c2", text, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "alerts.json")));
        var alerts = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, alerts.Count);
        var c2 = alerts.Single(a => a.GetProperty("type").GetString() == "known_c2");
        Assert.Equal("high", c2.GetProperty("severity").GetString());
        Assert.Equal("10.0.0.8", c2.GetProperty("src").GetProperty("ip").GetString());
        Assert.Equal("198.51.100.77", c2.GetProperty("dst").GetProperty("ip").GetString());
        var scan = alerts.Single(a => a.GetProperty("type").GetString() == "port_scan");
        Assert.Equal(20, scan.GetProperty("count").GetInt32());

        var html = await File.ReadAllTextAsync(Path.Combine(outDir, "report.html"));
        Assert.Contains("<html lang=\"ja\">", html, StringComparison.Ordinal);
        Assert.Contains("既知の C&amp;C サーバーへの通信", html, StringComparison.Ordinal);
        Assert.Contains("ポートスキャン", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_LangEn_EnglishReport_NoAlerts()
    {
        var zeek = Write("dns.log", """{"ts":1793523600.0,"uid":"C1","id.orig_h":"10.0.0.8","id.orig_p":5353,"id.resp_h":"10.0.0.1","id.resp_p":53,"proto":"udp","query":"www.yahoo.co.jp","qtype":1,"qtype_name":"A","rcode":0,"rcode_name":"NOERROR","answers":["192.0.2.1"]}""" + "\n");
        var outDir = Path.Combine(_dir.FullName, "out-en");
        var root = new RootCommand { AnalyzeCommand.Create() };

        var exit = await root.Parse(["analyze", zeek, "--out", outDir, "--lang", "en"]).InvokeAsync(new InvocationConfiguration { Output = new StringWriter() });

        Assert.Equal(0, exit);
        Assert.Equal("[]", (await File.ReadAllTextAsync(Path.Combine(outDir, "alerts.json"))).Trim());
        Assert.Contains("Nothing that needs action was found.", await File.ReadAllTextAsync(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadLanguage_IsAnError()
    {
        var root = new RootCommand { AnalyzeCommand.Create() };
        var result = root.Parse(["analyze", Write("x.json", "{}"), "--lang", "fr"]);
        Assert.NotEmpty(result.Errors);
    }
}

public class AlertScoringTests
{
    private static Mamori.Sensor.Detection.Alert Alert(Mamori.Sensor.Detection.AlertType type, string src, string dst, Mamori.Sensor.Detection.AlertSeverity severity) =>
        Mamori.Sensor.Detection.Alert.Create(type, severity, new(src), new(dst), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, "", src + dst);

    [Fact]
    public void Score_PerTypePrecisionAndRecall()
    {
        var alerts = new[]
        {
            Alert(Mamori.Sensor.Detection.AlertType.PortScan, "10.0.0.66", "10.0.0.9", Mamori.Sensor.Detection.AlertSeverity.Low),
            Alert(Mamori.Sensor.Detection.AlertType.BruteForceFailure, "10.0.0.66", "10.0.0.9", Mamori.Sensor.Detection.AlertSeverity.Medium),
            Alert(Mamori.Sensor.Detection.AlertType.BruteForceFailure, "10.0.0.5", "10.0.0.9", Mamori.Sensor.Detection.AlertSeverity.Medium),
            Alert(Mamori.Sensor.Detection.AlertType.PlaintextPassword, "10.0.0.5", "10.0.0.9", Mamori.Sensor.Detection.AlertSeverity.Low),
        };
        var expected = AlertScoring.Read("""
            [{"type": "port_scan", "src": "10.0.0.66"}, {"type": "brute_force_failure", "src": "10.0.0.66", "dst": "10.0.0.9"}, {"type": "syn_flood", "dst": "10.0.0.80"}]
            """);

        var scores = AlertScoring.Score(alerts, expected).ToDictionary(s => s.Type);

        Assert.Equal(1, scores["port_scan"].Precision);
        Assert.Equal(0.5, scores["brute_force_failure"].Precision);
        Assert.Equal(1, scores["brute_force_failure"].Recall);
        Assert.Equal(0, scores["syn_flood"].Recall);
        Assert.Equal(0, scores["plaintext_password"].Alerts);
        Assert.Contains("brute_force_failure", AlertScoring.Format([.. scores.Values]), StringComparison.Ordinal);
    }
}
