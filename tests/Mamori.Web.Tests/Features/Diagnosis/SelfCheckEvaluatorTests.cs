using Mamori.Web.Features.Diagnosis;
using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Tests.Features.Diagnosis;

/// <summary>The 25-item self-check total and every band boundary (80 / 60 / 40, minimum −25, maximum 100).</summary>
public class SelfCheckEvaluatorTests
{
    private static AnswerSet SelfCheck(int done, int partly, int notDone, int unknown)
    {
        Assert.Equal(25, done + partly + notDone + unknown);
        var options = Enumerable.Repeat("done", done)
            .Concat(Enumerable.Repeat("partly", partly))
            .Concat(Enumerable.Repeat("notDone", notDone))
            .Concat(Enumerable.Repeat("unknown", unknown))
            .ToList();
        var items = DiagnosisFixtures.QuestionsOfGroup("selfcheck").ToList();
        var set = DiagnosisFixtures.Complete("done");
        for (var i = 0; i < items.Count; i++)
        {
            set = set.With(items[i].Id, Answer.Choice(options[i]));
        }

        return set;
    }

    [Theory]
    [InlineData(25, 0, 0, 0, 100, "good")]
    [InlineData(20, 0, 5, 0, 80, "good")]
    [InlineData(20, 0, 4, 1, 79, "almost")]
    [InlineData(19, 1, 5, 0, 78, "almost")]
    [InlineData(15, 0, 10, 0, 60, "almost")]
    [InlineData(15, 0, 9, 1, 59, "gaps")]
    [InlineData(10, 0, 15, 0, 40, "gaps")]
    [InlineData(10, 0, 14, 1, 39, "start")]
    [InlineData(0, 0, 25, 0, 0, "start")]
    [InlineData(0, 0, 24, 1, -1, "start")]
    [InlineData(0, 0, 0, 25, -25, "start")]
    [InlineData(0, 25, 0, 0, 50, "gaps")]
    public void Evaluate_TotalAndBand(int done, int partly, int notDone, int unknown, int expectedTotal, string expectedBand)
    {
        var result = SelfCheckEvaluator.Evaluate(DiagnosisFixtures.Content, SelfCheck(done, partly, notDone, unknown));

        Assert.Equal(expectedTotal, result.Total);
        Assert.Equal(expectedBand, result.Band.Id);
        Assert.Equal(100, result.MaxTotal);
        Assert.True(result.IsComplete);
    }

    [Fact]
    public void Evaluate_UnansweredItems_CountZeroAndMakeItIncomplete()
    {
        var set = SelfCheck(25, 0, 0, 0);
        set = set with { Answers = set.Answers.Where(a => a.Key is not ("selfcheck.24" or "selfcheck.25")).ToDictionary(a => a.Key, a => a.Value) };

        var result = SelfCheckEvaluator.Evaluate(DiagnosisFixtures.Content, set);

        Assert.Equal(92, result.Total);
        Assert.Equal(23, result.AnsweredCount);
        Assert.False(result.IsComplete);
    }

    [Fact]
    public void BandFor_EveryBandHasPlainMessageInBothLanguages()
    {
        Assert.All(DiagnosisFixtures.Content.Advice.SelfCheck.Bands, b =>
        {
            Assert.NotEmpty(b.Message.Ja);
            Assert.NotEmpty(b.Message.En);
        });
    }
}
