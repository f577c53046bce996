using Mamori.Lab;

namespace Mamori.Lab.Tests;

public class LabTruthTests
{
    private const string Sample = """
        {
          "scenario": "bruteforce-ftp",
          "hosts": { "attacker": "10.77.0.66", "server": "10.77.0.20" },
          "attacker": "10.77.0.66",
          "victim": "10.77.0.20",
          "protocol": "ftp",
          "facts": { "attempts": 41, "users": ["alice"] },
          "alerts": [ { "type": "brute_force_success", "src": "10.77.0.66", "dst": "10.77.0.20", "dstPort": 21 } ],
          "maxSeverity": null,
          "files": { "feed": "x.txt" },
          "checks": [
            { "name": "PASS", "filter": "ftp.request.command == \"PASS\"", "count": 41 },
            { "name": "SYN", "filter": "tcp.flags.syn == 1", "atLeast": 3 }
          ]
        }
        """;

    [Fact]
    public void Parse_FullTruth_ReadsEveryPart()
    {
        var truth = LabTruth.Parse(Sample);

        Assert.Equal("bruteforce-ftp", truth.Scenario);
        Assert.Equal("10.77.0.66", truth.Hosts["attacker"]);
        Assert.Equal("10.77.0.20", truth.Victim);
        Assert.Null(truth.MaxSeverity);
        Assert.Equal(41, truth.Facts.GetProperty("attempts").GetInt32());
        var alert = Assert.Single(truth.Alerts);
        Assert.Equal(new ExpectedAlert("brute_force_success", "10.77.0.66", "10.77.0.20", 21), alert);
        Assert.Equal("x.txt", truth.Files["feed"]);
        Assert.Equal(2, truth.Checks.Count);
        Assert.Equal(41, truth.Checks[0].Count);
        Assert.Equal(3, truth.Checks[1].AtLeast);
    }

    [Theory]
    [InlineData("\"count\": 1, \"atLeast\": 1")]
    [InlineData("\"other\": 1")]
    public void Parse_CheckWithoutExactlyOneBound_Throws(string bounds)
    {
        var json = $$"""{ "scenario": "s", "checks": [ { "name": "n", "filter": "f", {{bounds}} } ] }""";

        var error = Assert.Throws<FormatException>(() => LabTruth.Parse(json));

        Assert.Contains("exactly one of count and atLeast", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, null, 5, true)]
    [InlineData(5, null, 6, false)]
    [InlineData(5, null, 4, false)]
    [InlineData(null, 5, 5, true)]
    [InlineData(null, 5, 50, true)]
    [InlineData(null, 5, 4, false)]
    public void IsSatisfiedBy_Matches_ComparesWithBound(int? count, int? atLeast, int matches, bool expected)
    {
        var check = new TruthCheck("n", "f", count, atLeast);

        Assert.Equal(expected, check.IsSatisfiedBy(matches));
    }
}
