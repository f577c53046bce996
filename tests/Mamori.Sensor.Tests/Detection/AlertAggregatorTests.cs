using System.Text.Json;
using Mamori.Sensor.Detection;

namespace Mamori.Sensor.Tests.Detection;

public class AlertAggregatorTests
{
    private static Alert Snapshot(double first, double last, long count, string key = "k") =>
        Alert.Create(AlertType.PortScan, AlertSeverity.Low, new AlertEndpoint("10.0.0.1"), new AlertEndpoint("10.0.0.2"),
            Ev.T0.AddSeconds(first), Ev.T0.AddSeconds(last), count, "e" + count, key);

    [Fact]
    public void OnAlert_SnapshotsOfOneEpisode_ReplaceEachOther()
    {
        var aggregator = new AlertAggregator();
        aggregator.OnAlert(Snapshot(0, 10, 15));
        aggregator.OnAlert(Snapshot(0, 20, 30));

        var alert = Assert.Single(aggregator.ToList());
        Assert.Equal(30, alert.Count);
        Assert.Equal(Ev.T0.AddSeconds(20), alert.LastSeen);
        Assert.Equal("e30", alert.Evidence);
    }

    [Fact]
    public void OnAlert_NewEpisodeSameKey_AddsToTotalAndKeepsFirstSeen()
    {
        var aggregator = new AlertAggregator();
        aggregator.OnAlert(Snapshot(0, 10, 15));
        aggregator.OnAlert(Snapshot(600, 700, 20));

        var alert = Assert.Single(aggregator.ToList());
        Assert.Equal(35, alert.Count);
        Assert.Equal(Ev.T0, alert.FirstSeen);
        Assert.Equal(Ev.T0.AddSeconds(700), alert.LastSeen);
    }

    [Fact]
    public void OnAlert_DifferentKeys_SeparateAlerts()
    {
        var aggregator = new AlertAggregator();
        aggregator.OnAlert(Snapshot(0, 1, 1, "a"));
        aggregator.OnAlert(Snapshot(0, 1, 1, "b"));
        Assert.Equal(2, aggregator.Count);
    }

    [Fact]
    public void Serialize_UsesContractNamesAndIds()
    {
        var alert = Alert.Create(AlertType.BruteForceFailure, AlertSeverity.Medium, new AlertEndpoint("10.0.0.5"),
            new AlertEndpoint("10.0.0.9", 21, "ftp.example.jp"), Ev.T0, Ev.T0.AddMinutes(3), 41, "41 failed FTP logins", "x");

        var json = JsonSerializer.Serialize(alert, AlertJsonContext.Default.Alert);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal(
            ["type", "killChain", "severity", "src", "dst", "firstSeen", "lastSeen", "count", "evidence"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("brute_force_failure", root.GetProperty("type").GetString());
        Assert.Equal("reconnaissance", root.GetProperty("killChain").GetString());
        Assert.Equal("medium", root.GetProperty("severity").GetString());
        Assert.Equal(21, root.GetProperty("dst").GetProperty("port").GetInt32());
        Assert.Equal("ftp.example.jp", root.GetProperty("dst").GetProperty("name").GetString());
        Assert.False(root.GetProperty("src").TryGetProperty("port", out _));
    }

    [Theory]
    [InlineData(AlertType.DnsTunneling, KillChainStage.ActionsOnObjectives)]
    [InlineData(AlertType.BruteForceSuccess, KillChainStage.ActionsOnObjectives)]
    [InlineData(AlertType.SynFlood, KillChainStage.ActionsOnObjectives)]
    [InlineData(AlertType.KnownC2, KillChainStage.CommandAndControl)]
    [InlineData(AlertType.DgaC2, KillChainStage.CommandAndControl)]
    [InlineData(AlertType.MalwareSite, KillChainStage.Delivery)]
    [InlineData(AlertType.AbnormalProcess, KillChainStage.Exploitation)]
    [InlineData(AlertType.BruteForceFailure, KillChainStage.Reconnaissance)]
    [InlineData(AlertType.ReverseBruteForce, KillChainStage.Reconnaissance)]
    [InlineData(AlertType.PortScan, KillChainStage.Reconnaissance)]
    [InlineData(AlertType.UrlScan, KillChainStage.Reconnaissance)]
    [InlineData(AlertType.PhishingSite, KillChainStage.Reconnaissance)]
    [InlineData(AlertType.PlaintextPassword, KillChainStage.None)]
    public void StageOf_FollowsPilotTable(AlertType type, KillChainStage stage) => Assert.Equal(stage, AlertCatalog.StageOf(type));

    [Fact]
    public void IdOf_MatchesJsonName()
    {
        foreach (var type in Enum.GetValues<AlertType>())
        {
            Assert.Equal("\"" + AlertCatalog.IdOf(type) + "\"", JsonSerializer.Serialize(type, AlertJsonContext.Default.Options));
        }
    }
}
