using Mamori.Web.Features.Diagnosis;
using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Tests.Features.Diagnosis;

public class SecurityActionAssessmentTests
{
    private static readonly DiagnosisContent s_content = DiagnosisFixtures.Content;

    private static AnswerSet Published(AnswerSet set, string url) =>
        set.With("policy.adopted", Answer.Choice("published")).With("policy.url", Answer.OfText(url));

    [Fact]
    public void Assess_BasicsNotDone_ZeroStarsListsEachMissingBasic()
    {
        var set = DiagnosisFixtures.Complete("done").With(["selfcheck.01", "selfcheck.03"], "partly");

        var result = SecurityActionAssessment.Assess(s_content, set);

        Assert.Equal(SecurityActionStars.None, result.Reachable);
        Assert.Equal(2, result.MissingForNextStar.Count);
        Assert.StartsWith("「パソコンやスマホのOSとソフト", result.MissingForNextStar[0].Ja, StringComparison.Ordinal);
        Assert.EndsWith("に「実施している」と答えられるようにしましょう。", result.MissingForNextStar[0].Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_BasicsDoneNoPolicy_OneStarAndPolicyMissing()
    {
        var result = SecurityActionAssessment.Assess(s_content, DiagnosisFixtures.Complete("done"));

        Assert.Equal(SecurityActionStars.One, result.Reachable);
        Assert.Empty(result.MissingForOneStar);
        Assert.Single(result.MissingForNextStar);
        Assert.Contains("基本方針", result.MissingForNextStar[0].Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_SelfCheckCompleteAndPolicyPublished_TwoStars()
    {
        var set = Published(DiagnosisFixtures.Complete("partly").With(s_content.Advice.SecurityAction.BasicQuestions, "done"), "https://example.co.jp/security-policy");

        var result = SecurityActionAssessment.Assess(s_content, set);

        Assert.Equal(SecurityActionStars.Two, result.Reachable);
        Assert.Empty(result.MissingForNextStar);
    }

    [Fact]
    public void Assess_TwoStarConditionsWithoutBasics_IsTwoStarsJudgedSeparately()
    {
        var set = Published(DiagnosisFixtures.Complete("notDone"), "https://example.co.jp/policy");
        var result = SecurityActionAssessment.Assess(s_content, set);

        Assert.Equal(SecurityActionStars.Two, result.Reachable);
        Assert.Equal(5, result.MissingForOneStar.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ホームページ")]
    [InlineData("ftp://example.co.jp/policy")]
    [InlineData("https://localhost/policy")]
    public void Assess_PublishedWithoutUsableUrl_AsksForUrl(string url)
    {
        var result = SecurityActionAssessment.Assess(s_content, Published(DiagnosisFixtures.Complete("done"), url));

        Assert.Equal(SecurityActionStars.One, result.Reachable);
        Assert.Contains("URL", Assert.Single(result.MissingForTwoStars).Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_SelfCheckIncomplete_SaysHowManyAreLeft()
    {
        var set = Published(DiagnosisFixtures.Complete("done"), "https://example.co.jp/policy");
        set = set with { Answers = set.Answers.Where(a => a.Key is not ("selfcheck.20" or "selfcheck.21" or "selfcheck.22")).ToDictionary(a => a.Key, a => a.Value) };

        var result = SecurityActionAssessment.Assess(s_content, set);

        Assert.Equal(SecurityActionStars.One, result.Reachable);
        Assert.Equal("25項目の自己チェックで、まだ答えていない項目が3つあります。全部に答えましょう。", Assert.Single(result.MissingForNextStar).Ja);
    }

    [Theory]
    [InlineData(SecurityActionStars.None, null, SecurityActionStage.NotReady)]
    [InlineData(SecurityActionStars.One, null, SecurityActionStage.ReadyForOneStar)]
    [InlineData(SecurityActionStars.One, SecurityActionStars.One, SecurityActionStage.DeclaredOneStar)]
    [InlineData(SecurityActionStars.Two, SecurityActionStars.One, SecurityActionStage.ReadyForTwoStars)]
    [InlineData(SecurityActionStars.One, SecurityActionStars.Two, SecurityActionStage.DeclaredTwoStars)]
    public void Standing_CombinesReadinessAndDeclaration(SecurityActionStars reachable, SecurityActionStars? declared, SecurityActionStage expected)
    {
        var readiness = new SecurityActionReadiness(reachable, [], []);
        var declaration = declared is { } d ? new SecurityActionDeclaration(d, "SA-0001", new DateOnly(2026, 4, 1)) : null;
        Assert.Equal(expected, SecurityActionStanding.Of(readiness, declaration));
    }

    [Fact]
    public void Declaration_Validate_NeedsStarsAndId()
    {
        Assert.Equal(2, SecurityActionDeclaration.Validate(SecurityActionStars.None, " ").Count);
        Assert.Empty(SecurityActionDeclaration.Validate(SecurityActionStars.Two, "12345678"));
    }
}
