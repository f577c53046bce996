using Mamori.Web.Features.Diagnosis;
using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Tests.Features.Diagnosis;

public class CountermeasureRankingTests
{
    private static readonly DiagnosisContent s_content = DiagnosisFixtures.Content;

    // Weak in four unrelated places: backups, who can see what, the home router, social media.
    private static readonly string[] s_weak = ["office.backup.1", "office.access.1", "telework.router.1", "selfcheck.17"];

    private static IReadOnlyList<RankedCountermeasure> Rank(bool telework, string[] assets, int top = 4)
    {
        var set = DiagnosisFixtures.Complete("done", telework, assets).With(s_weak, "notDone");
        var scores = QuestionnaireScorer.Score(s_content.Questionnaire, set);
        var weak = CountermeasureRanking.WeakPoints(s_content, set, scores);
        return CountermeasureRanking.Rank(s_content, weak, CountermeasureRanking.Situations(s_content, set), top);
    }

    private static string[] Ids(IEnumerable<RankedCountermeasure> ranked) => ranked.Select(r => r.Measure.Id).ToArray();

    [Fact]
    public void Rank_NoAssetsNoTelework_CheapestAndQuickestFirst()
    {
        // All needs equal (1.0), no situation: free before low, minutes before hours.
        Assert.Equal(["sns-rules", "access-limit", "sharing-review", "backup-schedule"], Ids(Rank(telework: false, assets: [])));
    }

    [Fact]
    public void Rank_PersonalData_PutsAccessControlAndBackupsFirst()
    {
        var ranked = Rank(telework: false, assets: ["personal-data"]);

        // Access control (access-limit, sharing-review) and backups rise above sns-rules, which led before.
        Assert.Equal(["access-limit", "sharing-review", "backup-schedule", "sns-rules"], Ids(ranked));
        Assert.Equal(["personal-data"], ranked[0].RaisedBySituations);
        Assert.Equal(["office.access.1"], ranked[0].ForQuestions);
    }

    [Fact]
    public void Rank_Telework_PutsRouterFirst()
    {
        var ranked = Rank(telework: true, assets: []);

        Assert.Equal("router-admin-password", ranked[0].Measure.Id);
        Assert.Equal(["telework"], ranked[0].RaisedBySituations);
        Assert.Equal(2, ranked[0].Priority);
    }

    [Fact]
    public void Rank_TeleworkWithoutTeleworkAnswers_ProposesNoRouterMeasure()
    {
        Assert.DoesNotContain("router-admin-password", Ids(Rank(telework: false, assets: [], top: 50)));
    }

    [Fact]
    public void Rank_SameInput_SameOrder()
    {
        Assert.Equal(Ids(Rank(true, ["customer-data", "sales-data"], 50)), Ids(Rank(true, ["customer-data", "sales-data"], 50)));
    }

    [Fact]
    public void Rank_MeasureForSeveralWeakQuestions_AddsTheirNeeds()
    {
        // contact-list answers office.incident.1 and .2: need 2 beats single needs.
        var set = DiagnosisFixtures.Complete("done").With(["office.incident.1", "office.incident.2", "selfcheck.17"], "notDone");
        var scores = QuestionnaireScorer.Score(s_content.Questionnaire, set);
        var ranked = CountermeasureRanking.Rank(s_content, CountermeasureRanking.WeakPoints(s_content, set, scores), [], 1);

        Assert.Equal("contact-list", ranked.Single().Measure.Id);
        Assert.Equal(2, ranked.Single().Priority);
        Assert.Equal(["office.incident.1", "office.incident.2"], ranked.Single().ForQuestions);
    }

    [Fact]
    public void WeakPoints_NotDoneBeforePartly_WithPlainExplanation()
    {
        var set = DiagnosisFixtures.Complete("done")
            .With("office.disposal.2", Answer.Choice("partly"))
            .With("office.backup.3", Answer.Choice("unknown"));
        var weak = CountermeasureRanking.WeakPoints(s_content, set, QuestionnaireScorer.Score(s_content.Questionnaire, set));

        Assert.Equal(["office.backup.3", "office.disposal.2"], weak.Select(w => w.QuestionId));
        Assert.Equal(0, weak[0].Ratio);
        Assert.Equal(0.5, weak[1].Ratio);
        Assert.Equal("わからない", weak[0].Answer!.Ja);
        Assert.Contains("試していない", weak[0].Explanation.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void Situations_FromAssetsAndProfile()
    {
        var set = DiagnosisFixtures.Complete("done", true, "personal-data", "technical-data")
            .With("profile.pcs", Answer.Of(25))
            .With("profile.securityOwner", Answer.Choice("nobody"));
        Assert.Equal(
            ["personal-data", "technical-data", "telework", "no-it-staff", "many-pcs"],
            CountermeasureRanking.Situations(s_content, set).Select(s => s.Id));
    }
}
