using System.Text.Json;
using Mamori.Cli.Commands;
using Mamori.Lab;

namespace Mamori.Cli.Tests.Commands;

/// <summary>
/// <c>mamori analyze</c> on the smb-lateral lab capture: the program copied into another PC's ADMIN$
/// is the one abnormal_process alert, scored against the scenario's truth with <c>--expect</c>; the
/// allow-list in <c>--config</c> silences it.
/// </summary>
public class AnalyzeCommandLateralCopyTests
{
    [LabFact("smb-lateral")]
    public async Task RunAsync_SmbLateralCapture_OneHighAbnormalProcessAndFullScoreAgainstTheTruth()
    {
        var capture = LabCaptures.Get("smb-lateral");
        var client = capture.Truth.Hosts["client"];
        var pc2 = capture.Truth.Hosts["pc2"];
        var work = Directory.CreateTempSubdirectory("mamori-analyze-");
        try
        {
            var expect = new FileInfo(Path.Combine(work.FullName, "expect.json"));
            await File.WriteAllTextAsync(expect.FullName, JsonSerializer.Serialize(
                capture.Truth.Alerts.Select(a => new Dictionary<string, string?> { ["type"] = a.Type, ["src"] = a.Src, ["dst"] = a.Dst })));
            using var output = new StringWriter();

            var exit = await AnalyzeCommand.RunAsync([new FileInfo(capture.PcapPath)], work, [], "en", null, output, CancellationToken.None, expect);

            Assert.Equal(0, exit);
            using var alerts = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work.FullName, "alerts.json")));
            var copy = Assert.Single(alerts.RootElement.EnumerateArray(), a => a.GetProperty("type").GetString() == "abnormal_process");
            Assert.Equal("high", copy.GetProperty("severity").GetString());
            Assert.Equal(client, copy.GetProperty("src").GetProperty("ip").GetString());
            Assert.Equal(pc2, copy.GetProperty("dst").GetProperty("ip").GetString());
            Assert.Equal($@"{client} copied update.exe into \\{pc2}\ADMIN$ over SMB (the way PsExec and worms start programs on another PC)",
                copy.GetProperty("evidence").GetString());
            var score = output.ToString().Split('\n').Single(l => l.StartsWith("abnormal_process ", StringComparison.Ordinal));
            Assert.EndsWith("1.00    1.00", score.TrimEnd(), StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [LabFact("smb-lateral")]
    public async Task RunAsync_SmbLateralWithTheClientAllowListedInConfig_NoAbnormalProcess()
    {
        var capture = LabCaptures.Get("smb-lateral");
        var work = Directory.CreateTempSubdirectory("mamori-analyze-");
        try
        {
            var config = new FileInfo(Path.Combine(work.FullName, "detection.json"));
            await File.WriteAllTextAsync(config.FullName, $$"""{ "lateralCopy": { "allowedClients": ["{{capture.Truth.Hosts["client"]}}"] } }""");
            using var output = new StringWriter();

            var exit = await AnalyzeCommand.RunAsync([new FileInfo(capture.PcapPath)], work, [], "en", config, output, CancellationToken.None);

            Assert.Equal(0, exit);
            using var alerts = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work.FullName, "alerts.json")));
            Assert.DoesNotContain(alerts.RootElement.EnumerateArray(), a => a.GetProperty("type").GetString() == "abnormal_process");
            Assert.Contains(alerts.RootElement.EnumerateArray(), a => a.GetProperty("type").GetString() == "privileged_account");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
