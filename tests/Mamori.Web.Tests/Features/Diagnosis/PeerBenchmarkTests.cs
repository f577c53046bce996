using Mamori.Web.Features.Diagnosis;

namespace Mamori.Web.Tests.Features.Diagnosis;

public class PeerBenchmarkTests
{
    private static readonly Dictionary<string, double> s_none = [];

    private static ParticipantScores Peer(string id, string industry, double score) =>
        new(id, industry, new Dictionary<string, double> { ["office.backup"] = score });

    private static ScoreComparison Compare(double company, IReadOnlyList<ParticipantScores> peers, IReadOnlyDictionary<string, double>? national = null) =>
        PeerBenchmark.Compare(["office.backup"], "construction", new Dictionary<string, double> { ["office.backup"] = company }, peers, national ?? s_none).Single();

    [Fact]
    public void Compare_FourIndustryPeers_IndustryAverageHiddenWithCount()
    {
        var peers = new[]
        {
            Peer("a", "construction", 40), Peer("b", "construction", 60), Peer("c", "construction", 80), Peer("d", "construction", 20),
            Peer("e", "retail", 100),
        };

        var row = Compare(40, peers);

        Assert.True(row.Industry.IsTooFewToShow);
        Assert.Null(row.Industry.Value);
        Assert.Equal(4, row.Industry.CompanyCount);
        Assert.Equal(5, row.AllParticipants.CompanyCount);
        Assert.Equal(60, row.AllParticipants.Value);
    }

    [Fact]
    public void Compare_FiveIndustryPeers_IndustryAverageShown()
    {
        var peers = new[]
        {
            Peer("a", "construction", 40), Peer("b", "construction", 60), Peer("c", "construction", 80), Peer("d", "construction", 20),
            Peer("e", "construction", 100), Peer("f", "retail", 0),
        };

        var row = Compare(40, peers);

        Assert.False(row.Industry.IsTooFewToShow);
        Assert.Equal(60, row.Industry.Value);
        Assert.Equal(5, row.Industry.CompanyCount);
        Assert.Equal(50, row.AllParticipants.Value);
    }

    [Fact]
    public void Compare_FourParticipants_NoAverageAndNoDeviation()
    {
        var peers = new[] { Peer("a", "x", 10), Peer("b", "x", 20), Peer("c", "x", 30), Peer("d", "x", 40) };
        var row = Compare(10, peers);

        Assert.Null(row.AllParticipants.Value);
        Assert.Equal(new DeviationScore(null, DeviationStatus.TooFewCompanies), row.Deviation);
    }

    [Fact]
    public void Compare_DeviationScore_IsFiftyPlusTenZ()
    {
        // Scores 20, 40, 60, 80, 100: mean 60, population σ = sqrt(800) ≈ 28.284.
        var peers = new[] { Peer("a", "x", 20), Peer("b", "x", 40), Peer("c", "x", 60), Peer("d", "x", 80), Peer("e", "x", 100) };

        Assert.Equal(new DeviationScore(64.1, DeviationStatus.Computed), Compare(100, peers).Deviation);
        Assert.Equal(new DeviationScore(50, DeviationStatus.Computed), Compare(60, peers).Deviation);
        Assert.Equal(new DeviationScore(35.9, DeviationStatus.Computed), Compare(20, peers).Deviation);
    }

    [Fact]
    public void Compare_AllEqual_SigmaZeroGivesFifty()
    {
        var peers = Enumerable.Range(0, 6).Select(i => Peer($"c{i}", "x", 75)).ToList();
        Assert.Equal(new DeviationScore(50, DeviationStatus.NoSpread), Compare(75, peers).Deviation);
    }

    [Fact]
    public void Compare_PeersWithoutThatScore_AreNotCounted()
    {
        var peers = Enumerable.Range(0, 5).Select(i => Peer($"c{i}", "x", 50))
            .Append(new ParticipantScores("no-telework", "x", new Dictionary<string, double> { ["office"] = 10 }))
            .ToList();

        Assert.Equal(5, Compare(50, peers).AllParticipants.CompanyCount);
    }

    [Fact]
    public void Compare_NationalReferenceAndMissingCompanyScore()
    {
        var row = PeerBenchmark.Compare(
            ["telework.router"], "x", s_none, [], new Dictionary<string, double> { ["telework.router"] = 55.5 }).Single();

        Assert.Equal(55.5, row.NationalReference);
        Assert.Null(row.Company);
        Assert.Equal(DeviationStatus.NotScored, row.Deviation.Status);
    }

    [Fact]
    public void Compare_SameCompanyTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() => Compare(1, [Peer("a", "x", 1), Peer("a", "x", 2)]));
    }
}
