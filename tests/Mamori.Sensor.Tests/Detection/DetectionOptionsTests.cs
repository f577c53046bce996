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
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new DetectionOptions();
        Assert.Equal((30, TimeSpan.FromMinutes(30)), (options.BruteForce.Ssh.Failures, options.BruteForce.Ssh.Window));
        Assert.Equal((8, TimeSpan.FromSeconds(240)), (options.BruteForce.Windows.Failures, options.BruteForce.Windows.Window));
        Assert.Equal((15, 25, TimeSpan.FromMinutes(5)), (options.PortScan.VerticalPorts, options.PortScan.HorizontalHosts, options.PortScan.Window));
    }
}
