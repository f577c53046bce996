using System.Text.Json;
using Mamori.Sensor.Detection;

namespace Mamori.Sensor.Tests.Detection;

public class DetectionOptionsTests
{
    [Fact]
    public void Deserialize_PartialJson_OverridesOnlyWhatIsGiven()
    {
        const string json = """
            {
              // thresholds for a noisy site
              "maxTrackedKeys": 2000,
              "bruteForce": { "ssh": { "failures": 5, "window": "00:10:00" } },
              "undesirableOperation": { "privilegedAccounts": ["administrator", "sa"] },
              "bannedSoftware": { "rules": [ { "name": "AnyDesk", "category": "remote_access", "domains": ["anydesk.com"], "approved": true } ] },
            }
            """;
        var options = JsonSerializer.Deserialize(json, DetectionOptionsJsonContext.Default.DetectionOptions)!;

        Assert.Equal(2000, options.MaxTrackedKeys);
        Assert.Equal(5, options.BruteForce.Ssh.Failures);
        Assert.Equal(TimeSpan.FromMinutes(10), options.BruteForce.Ssh.Window);
        Assert.Equal(8, options.BruteForce.Windows.Failures);
        Assert.Equal(15, options.PortScan.VerticalPorts);
        Assert.Equal(["administrator", "sa"], options.UndesirableOperation.PrivilegedAccounts);
        Assert.True(Assert.Single(options.BannedSoftware.Rules).Approved);
    }

    [Fact]
    public void Deserialize_SectionsWithoutTheirLists_KeepTheDefaultListsAndTheEngineStarts()
    {
        // Source-generated JSON once set init-only lists that a section left out to null, and the
        // engine then failed to start on a config such as { "undesirableOperation": { "includeFailures": true } }.
        const string json = """
            {
              "dnsTunneling": { "uniqueSubdomains": 80 },
              "urlScan": { "clientErrors": 40 },
              "undesirableOperation": { "includeFailures": true },
              "bannedSoftware": { "rules": [ { "name": "Winny", "domains": ["winny.example"] } ] },
              "lateralCopy": { "window": "00:10:00" }
            }
            """;
        var options = JsonSerializer.Deserialize(json, DetectionOptionsJsonContext.Default.DetectionOptions)!;

        Assert.Equal(new DetectionOptions().DnsTunneling.Allow, options.DnsTunneling.Allow);
        Assert.Empty(options.UrlScan.ExtraProbePaths);
        Assert.Empty(options.UrlScan.ExtraScannerAgents);
        Assert.Equal(["administrator", "admin", "root", "管理者"], options.UndesirableOperation.PrivilegedAccounts);
        var rule = Assert.Single(options.BannedSoftware.Rules);
        Assert.Equal((0, 0), (rule.UserAgents.Count, rule.Ja4.Count));
        Assert.Equal(11, options.LateralCopy.Extensions.Count);
        Assert.Empty(options.LateralCopy.AllowedClients);
        Assert.Contains(new DetectionEngine(options).Detectors, d => d.Name == "lateral_copy");
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new DetectionOptions();
        Assert.Equal((30, TimeSpan.FromMinutes(30)), (options.BruteForce.Ssh.Failures, options.BruteForce.Ssh.Window));
        Assert.Equal((8, TimeSpan.FromSeconds(240)), (options.BruteForce.Windows.Failures, options.BruteForce.Windows.Window));
        Assert.Equal((15, 25, TimeSpan.FromMinutes(5)), (options.PortScan.VerticalPorts, options.PortScan.HorizontalHosts, options.PortScan.Window));
    }
}
