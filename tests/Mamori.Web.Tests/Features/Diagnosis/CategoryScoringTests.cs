using Mamori.Web.Features.Diagnosis;
using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Tests.Features.Diagnosis;

/// <summary>Scoring of every shipped category: all done, all partly, all not done, one weak answer.</summary>
public class CategoryScoringTests
{
    public static TheoryData<string> Categories()
    {
        var data = new TheoryData<string>();
        foreach (var c in DiagnosisFixtures.Questionnaire.Categories)
        {
            data.Add(c.Id);
        }

        return data;
    }

    private static List<QuestionDefinition> QuestionsOf(string categoryId) =>
        DiagnosisFixtures.Questionnaire.Questions.Where(q => q.Category == categoryId).ToList();

    private static CategoryScore ScoreWith(string categoryId, Func<int, string> optionForIndex)
    {
        var set = DiagnosisFixtures.Complete("done", telework: true);
        var questions = QuestionsOf(categoryId);
        for (var i = 0; i < questions.Count; i++)
        {
            set = set.With(questions[i].Id, Answer.Choice(optionForIndex(i)));
        }

        return QuestionnaireScorer.Score(DiagnosisFixtures.Questionnaire, set).Category(categoryId)!;
    }

    [Theory]
    [MemberData(nameof(Categories))]
    public void Score_AllDone_Is100(string categoryId)
    {
        var score = ScoreWith(categoryId, _ => "done");
        Assert.Equal(100, score.Normalised);
        Assert.Equal(QuestionsOf(categoryId).Count, score.AnsweredCount);
    }

    [Theory]
    [MemberData(nameof(Categories))]
    public void Score_AllPartly_Is50(string categoryId)
    {
        Assert.Equal(50, ScoreWith(categoryId, _ => "partly").Normalised);
    }

    [Theory]
    [MemberData(nameof(Categories))]
    public void Score_AllNotDoneOrUnknown_Is0(string categoryId)
    {
        Assert.Equal(0, ScoreWith(categoryId, _ => "notDone").Normalised);
        Assert.Equal(0, ScoreWith(categoryId, _ => "unknown").Normalised);
    }

    [Theory]
    [MemberData(nameof(Categories))]
    public void Score_OneNotDoneRestDone_LosesOneQuestionsShare(string categoryId)
    {
        var n = QuestionsOf(categoryId).Count;
        var expected = Math.Round(100.0 * (n - 1) / n, 1);
        Assert.Equal(expected, ScoreWith(categoryId, i => i == 0 ? "notDone" : "done").Normalised);
    }

    [Theory]
    [MemberData(nameof(Categories))]
    public void Score_OneUnansweredQuestion_CountsAsZeroAndNotAnswered(string categoryId)
    {
        var first = QuestionsOf(categoryId)[0].Id;
        var set = DiagnosisFixtures.Complete("done", telework: true);
        set = set with { Answers = set.Answers.Where(a => a.Key != first).ToDictionary(a => a.Key, a => a.Value) };
        var score = QuestionnaireScorer.Score(DiagnosisFixtures.Questionnaire, set).Category(categoryId)!;

        var n = QuestionsOf(categoryId).Count;
        Assert.Equal(n - 1, score.AnsweredCount);
        Assert.Equal(Math.Round(100.0 * (n - 1) / n, 1), score.Normalised);
    }

    [Fact]
    public void Score_TeleworkCategories_HaveNoScoreWithoutTelework()
    {
        var sheet = QuestionnaireScorer.Score(DiagnosisFixtures.Questionnaire, DiagnosisFixtures.Complete("done", telework: false));
        Assert.All(sheet.Group("telework"), c => Assert.Null(c.Normalised));
        Assert.Null(sheet.GroupNormalised("telework"));
        Assert.Equal(100, sheet.GroupNormalised("office"));
    }

    [Fact]
    public void Score_UnknownInSelfCheck_PullsPointsBelowZeroButNormalisedStaysAtZero()
    {
        var set = DiagnosisFixtures.Complete("unknown");
        var basic = QuestionnaireScorer.Score(DiagnosisFixtures.Questionnaire, set).Category("selfcheck.basic")!;
        Assert.Equal(-5, basic.Points);
        Assert.Equal(20, basic.MaxPoints);
        Assert.Equal(0, basic.Normalised);
    }
}
