using Mamori.Web.Features.Diagnosis;
using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Tests.Features.Diagnosis;

/// <summary>The whole result as the page gets it: charts, benchmark, history.</summary>
public class DiagnosisEvaluatorTests
{
    private static ParticipantScores Peer(string id, string industry, double office) =>
        new(id, industry, new Dictionary<string, double> { ["office"] = office, ["office.backup"] = office, [DiagnosisEvaluator.SelfCheckTotalKey] = office - 10 });

    [Fact]
    public void Evaluate_WithPeersAndHistory_FillsEveryPart()
    {
        var answers = DiagnosisFixtures.Complete("done", false, "personal-data").With(["office.backup.1", "office.backup.2"], "notDone");
        var context = new DiagnosisContext
        {
            IndustryCode = "construction",
            AnsweredOn = new DateOnly(2026, 11, 20),
            Participants = [.. Enumerable.Range(0, 5).Select(i => Peer($"c{i}", "construction", 50 + (i * 10))), Peer("r", "retail", 0)],
            NationalReference = new Dictionary<string, double> { ["office.backup"] = 62.5 },
            History = [new PastDiagnosis(new DateOnly(2025, 10, 1), new Dictionary<string, double> { ["office.backup"] = 0, ["office"] = 70 })],
            TopCountermeasures = 3,
        };

        var result = DiagnosisEvaluator.Evaluate(DiagnosisFixtures.Catalog, answers, context);

        Assert.Equal(Math.Round(100.0 / 3, 1), result.BenchmarkScores["office.backup"]);
        Assert.Equal(100, result.BenchmarkScores[DiagnosisEvaluator.SelfCheckTotalKey]);
        Assert.False(result.BenchmarkScores.ContainsKey("telework"));

        var backup = result.Comparisons.Single(c => c.Key == "office.backup");
        Assert.Equal(70, backup.Industry.Value);
        Assert.Equal(5, backup.Industry.CompanyCount);
        Assert.Equal(Math.Round(350.0 / 6, 1), backup.AllParticipants.Value);
        Assert.Equal(62.5, backup.NationalReference);

        Assert.Equal(["office", "selfcheck"], result.Charts.Select(c => c.Group));
        var office = result.Charts[0];
        Assert.Equal(8, office.Axes.Count);
        Assert.Equal(["company", "industry", "all", "national"], office.Series.Select(s => s.Id));
        var backupAxis = office.Axes.ToList().FindIndex(a => a.CategoryId == "office.backup");
        Assert.Equal("データの控え", office.Axes[backupAxis].Label.Ja);
        Assert.Equal(70, office.Series[1].Values[backupAxis]);
        Assert.Null(office.Series[1].Values[0]);
        Assert.Equal(0, office.Series[1].CompanyCounts![0]);

        Assert.Equal(["office.backup.1", "office.backup.2"], result.WeakPoints.Select(w => w.QuestionId));
        var weakCategory = Assert.Single(result.WeakCategories);
        Assert.Equal("office.backup", weakCategory.CategoryId);
        Assert.Equal(70, weakCategory.Target);
        Assert.Equal(36.7, weakCategory.GapToTarget);
        Assert.Equal(["backup-offline", "backup-schedule"], result.Countermeasures.Select(c => c.Measure.Id));
        Assert.Equal("good", result.SelfCheck.Band.Id);
        Assert.Equal(SecurityActionStars.One, result.SecurityAction.Reachable);

        var trend = result.History.Single(t => t.Key == "office.backup");
        Assert.Equal([new DateOnly(2025, 10, 1), new DateOnly(2026, 11, 20)], trend.Points.Select(p => p.AnsweredOn));
        Assert.Equal(33.3, trend.Change);
        Assert.Equal(21.7, result.History.Single(t => t.Key == "office").Change); // 22 of 24 office questions done = 91.7, was 70
    }

    [Fact]
    public void Evaluate_FourPeersInIndustry_ChartHidesIndustryLine()
    {
        var answers = DiagnosisFixtures.Complete("done", telework: true);
        var context = new DiagnosisContext
        {
            IndustryCode = "construction",
            AnsweredOn = new DateOnly(2026, 11, 20),
            Participants = [.. Enumerable.Range(0, 4).Select(i => Peer($"c{i}", "construction", 60)), Peer("r", "retail", 40)],
        };

        var result = DiagnosisEvaluator.Evaluate(DiagnosisFixtures.Catalog, answers, context);

        Assert.Equal(["office", "telework", "selfcheck"], result.Charts.Select(c => c.Group));
        var industry = result.Charts[0].Series.Single(s => s.Id == "industry");
        Assert.All(industry.Values, Assert.Null);
        Assert.Contains(4, industry.CompanyCounts!);
        Assert.DoesNotContain(result.Charts[0].Series, s => s.Id == "national");
        Assert.Equal(56, result.Comparisons.Single(c => c.Key == "office").AllParticipants.Value);
    }

    [Fact]
    public void WeakCategories_LowestFirstThenQuestionnaireOrder_NoTargetWhenHidden()
    {
        var answers = DiagnosisFixtures.Complete("done")
            .With(["office.rules.1", "office.rules.2"], "notDone")
            .With(["office.disposal.1", "office.internet.1"], "partly");
        var result = DiagnosisEvaluator.Evaluate(DiagnosisFixtures.Catalog, answers, new DiagnosisContext { IndustryCode = "x", AnsweredOn = new DateOnly(2026, 1, 5) });

        Assert.Equal(["office.rules", "office.disposal", "office.internet"], result.WeakCategories.Select(c => c.CategoryId));
        Assert.Equal(33.3, result.WeakCategories[0].Score);
        Assert.Equal("規則の周知", result.WeakCategories[0].Label.Ja);
        Assert.All(result.WeakCategories, c => Assert.Null(c.GapToTarget));
    }

    [Fact]
    public void Evaluate_AnswersOfUnknownVersion_Throws()
    {
        var answers = DiagnosisFixtures.Complete() with { Version = 99 };
        Assert.Throws<KeyNotFoundException>(() => DiagnosisEvaluator.Evaluate(DiagnosisFixtures.Catalog, answers, new DiagnosisContext { IndustryCode = "x", AnsweredOn = new DateOnly(2026, 11, 20) }));
    }

    [Fact]
    public void History_ChangeComparesWithLatestEarlierDiagnosisHavingTheScore()
    {
        var trends = DiagnosisHistory.Compare(
            ["telework", "office"],
            [
                new PastDiagnosis(new DateOnly(2026, 4, 1), new Dictionary<string, double> { ["office"] = 80 }),
                new PastDiagnosis(new DateOnly(2024, 4, 1), new Dictionary<string, double> { ["office"] = 40, ["telework"] = 30 }),
                new PastDiagnosis(new DateOnly(2025, 4, 1), new Dictionary<string, double> { ["office"] = 55, ["telework"] = 45.5 }),
            ]);

        Assert.Equal(15.5, trends[0].Change);
        Assert.Equal(45.5, trends[0].Latest);
        Assert.Equal(25, trends[1].Change);
        Assert.Equal([new DateOnly(2024, 4, 1), new DateOnly(2025, 4, 1), new DateOnly(2026, 4, 1)], trends[1].Points.Select(p => p.AnsweredOn));
    }

    [Fact]
    public void History_SingleDiagnosis_HasNoChange()
    {
        var trend = DiagnosisHistory.Compare(["office"], [new PastDiagnosis(new DateOnly(2026, 1, 1), new Dictionary<string, double> { ["office"] = 10 })]).Single();
        Assert.Null(trend.Change);
        Assert.Equal(10, trend.Latest);
    }
}
