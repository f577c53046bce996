using System.Text.Json;
using Mamori.Cli.Commands;
using Mamori.Lab;

namespace Mamori.Cli.Tests.Commands;

/// <summary><c>mamori analyze</c> on a lab capture: pcap input recognised by its magic number, alerts.json and report.html written.</summary>
public class AnalyzeCommandCaptureTests
{
    [LabFact("bruteforce-ftp")]
    public async Task RunAsync_LabCaptureWithoutPcapExtension_WritesBruteForceAlertsFromTheCapture()
    {
        var capture = LabCaptures.Get("bruteforce-ftp");
        var work = Directory.CreateTempSubdirectory("mamori-analyze-");
        try
        {
            var input = new FileInfo(Path.Combine(work.FullName, "recording.dat"));
            File.Copy(capture.PcapPath, input.FullName);
            using var output = new StringWriter();

            var exit = await AnalyzeCommand.RunAsync([input], work, [], "en", null, output, CancellationToken.None);

            Assert.Equal(0, exit);
            Assert.Contains("packets", output.ToString(), StringComparison.Ordinal);
            using var alerts = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work.FullName, "alerts.json")));
            var success = Assert.Single(alerts.RootElement.EnumerateArray(), a => a.GetProperty("type").GetString() == "brute_force_success");
            Assert.Equal(capture.Truth.Attacker, success.GetProperty("src").GetProperty("ip").GetString());
            Assert.Equal(capture.Truth.Victim, success.GetProperty("dst").GetProperty("ip").GetString());
            Assert.True(File.Exists(Path.Combine(work.FullName, "report.html")));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
