using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Tests.Features.Questionnaires;

public class QuestionVisibilityTests
{
    private static readonly QuestionnaireDefinition s_survey = QuestionnaireFixtures.Survey2021;

    private static AnswerSet Survey(params (string Id, Answer Answer)[] answers) =>
        answers.Aggregate(AnswerSet.StartDraft(s_survey, AnswerEntryMode.Self), (set, a) => set.With(a.Id, a.Answer));

    [Fact]
    public void VisibleQuestionIds_TeleworkNotIntroduced_Hides2To6And2To7()
    {
        var visible = QuestionVisibility.VisibleQuestionIds(s_survey, Survey(("2-5", Answer.Choice("no"))));
        Assert.DoesNotContain("2-6", visible);
        Assert.DoesNotContain("2-7", visible);
        Assert.Contains("8-1", visible);
    }

    [Fact]
    public void VisibleQuestionIds_2To5Unanswered_Hides2To6()
    {
        Assert.DoesNotContain("2-6", QuestionVisibility.VisibleQuestionIds(s_survey, Survey()));
    }

    [Fact]
    public void VisibleQuestionIds_TeleworkIntroduced_Shows2To6()
    {
        var visible = QuestionVisibility.VisibleQuestionIds(s_survey, Survey(("2-5", Answer.Choice("yes"))));
        Assert.Contains("2-6", visible);
        Assert.DoesNotContain("2-7", visible);
    }

    [Theory]
    [InlineData("none", false)]
    [InlineData("lt10", true)]
    [InlineData("gt50", true)]
    public void VisibleQuestionIds_2To7FollowsShareOf2To6(string share, bool shown)
    {
        var visible = QuestionVisibility.VisibleQuestionIds(s_survey, Survey(("2-5", Answer.Choice("yes")), ("2-6", Answer.Choice(share))));
        Assert.Equal(shown, visible.Contains("2-7"));
    }

    [Fact]
    public void VisibleQuestionIds_StaleAnswerOfHiddenQuestion_DoesNotOpenChain()
    {
        // 2-6 still holds an answer from before 2-5 was changed to "no": it must not show 2-7.
        var visible = QuestionVisibility.VisibleQuestionIds(s_survey, Survey(("2-5", Answer.Choice("no")), ("2-6", Answer.Choice("gt50"))));
        Assert.DoesNotContain("2-7", visible);
    }

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, true)]
    public void VisibleQuestionIds_AtLeast_IsInclusive(int pcs, bool shown)
    {
        var set = AnswerSet.StartDraft(QuestionnaireFixtures.Kinds, AnswerEntryMode.Self).With("pcs", Answer.Of(pcs));
        Assert.Equal(shown, QuestionVisibility.VisibleQuestionIds(QuestionnaireFixtures.Kinds, set).Contains("many"));
    }

    [Theory]
    [InlineData(100, null, false)]
    [InlineData(101, null, true)]
    [InlineData(4, null, false)]
    [InlineData(4, "memo", true)]
    [InlineData(5, "memo", false)]
    public void VisibleQuestionIds_AnyOfGreaterThanOrAllOfLessThanAndAnswered(int pcs, string? note, bool shown)
    {
        var set = AnswerSet.StartDraft(QuestionnaireFixtures.Kinds, AnswerEntryMode.Self).With("pcs", Answer.Of(pcs));
        if (note is not null)
        {
            set = set.With("note", Answer.OfText(note));
        }

        Assert.Equal(shown, QuestionVisibility.VisibleQuestionIds(QuestionnaireFixtures.Kinds, set).Contains("big"));
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void VisibleQuestionIds_AtMost_IsInclusive(int pcs, bool shown)
    {
        var set = AnswerSet.StartDraft(QuestionnaireFixtures.Kinds, AnswerEntryMode.Self).With("pcs", Answer.Of(pcs));
        Assert.Equal(shown, QuestionVisibility.VisibleQuestionIds(QuestionnaireFixtures.Kinds, set).Contains("small"));
    }
}
