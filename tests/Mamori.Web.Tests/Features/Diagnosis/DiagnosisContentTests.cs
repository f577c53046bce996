using Mamori.Web.Features.Diagnosis;
using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Tests.Features.Diagnosis;

public class DiagnosisContentTests
{
    private static readonly QuestionnaireDefinition s_q = DiagnosisFixtures.Questionnaire;

    [Fact]
    public void LoadEmbedded_ShippedContent_HasSeedCategoriesAndCounts()
    {
        var categories = s_q.Categories.Select(c => c.Id).ToList();
        foreach (var id in new[] { "office.disposal", "office.facility", "office.rules", "office.incident", "office.clarity", "office.internet", "telework.clarity", "telework.wifi", "telework.router" })
        {
            Assert.Contains(id, categories);
        }

        Assert.Equal(24, DiagnosisFixtures.QuestionsOfGroup("office").Count());
        Assert.Equal(12, DiagnosisFixtures.QuestionsOfGroup("telework").Count());
        Assert.Equal(25, DiagnosisFixtures.QuestionsOfGroup("selfcheck").Count());
        Assert.Equal(["personal-data", "technical-data", "customer-data", "sales-data", "other", "none"], s_q.FindQuestion("profile.assets")!.Options.Select(o => o.Id));
        Assert.Contains("sensor.mirrorPort", s_q.Questions.Select(q => q.Id));
    }

    [Fact]
    public void LoadEmbedded_SelfCheckOptions_AreFourTwoZeroMinusOne()
    {
        Assert.All(DiagnosisFixtures.QuestionsOfGroup("selfcheck"), q =>
            Assert.Equal([4m, 2m, 0m, -1m], q.Options.Select(o => o.Score!.Value)));
    }

    [Fact]
    public void LoadEmbedded_EveryScoredQuestion_HasExplanationAndExistingCountermeasures()
    {
        var advice = DiagnosisFixtures.Content.Advice;
        Assert.All(s_q.Questions.Where(q => q.Category is not null), q =>
        {
            var weak = advice.FindWeakPoint(q.Id);
            Assert.NotNull(weak);
            Assert.NotEmpty(weak.Explanation.Ja);
            Assert.NotEmpty(weak.Explanation.En);
            Assert.All(weak.Countermeasures, id => Assert.NotNull(advice.FindCountermeasure(id)));
        });
    }

    [Fact]
    public void LoadEmbedded_SelfCheckBands_CoverMinusTwentyFiveToHundred()
    {
        var bands = DiagnosisFixtures.Content.Advice.SelfCheck.Bands;
        Assert.Equal([80, 60, 40, -25], bands.Select(b => b.MinTotal));
    }

    [Fact]
    public void TeleworkSection_IsHiddenWithoutTelework()
    {
        var visible = QuestionVisibility.VisibleQuestionIds(s_q, DiagnosisFixtures.Complete(telework: false));
        Assert.DoesNotContain(visible, id => id.StartsWith("telework.", StringComparison.Ordinal));
        Assert.DoesNotContain("sensor.teleworkHomes", visible);
        Assert.Contains("telework.router.1", QuestionVisibility.VisibleQuestionIds(s_q, DiagnosisFixtures.Complete(telework: true)));
    }

    [Fact]
    public void Submit_CompleteAnswersInRemoteHearing_IsSubmittedAndKeepsMode()
    {
        var result = AnswerValidator.Submit(s_q, DiagnosisFixtures.Complete(telework: true, assets: "personal-data"));
        Assert.True(result.IsValid, string.Join(", ", result.Errors.Select(e => e.QuestionId)));
        Assert.Equal(AnswerStatus.Submitted, result.Answers.Status);
        Assert.Equal(AnswerEntryMode.AdvisorRemoteHearing, result.Answers.EnteredBy);
    }

    [Fact]
    public void Submit_PublishedPolicyWithoutUrl_AsksForUrl()
    {
        var result = AnswerValidator.Submit(s_q, DiagnosisFixtures.Complete().With("policy.adopted", Answer.Choice("published")));
        Assert.Equal(["policy.url"], result.Errors.Select(e => e.QuestionId));
    }

    private static string Advice(Func<string, string> edit) => edit(QuestionnaireLoader.ReadResource(
        typeof(DiagnosisContentCatalog).Assembly, "Mamori.Web.Features.Diagnosis.Content.simple-diagnosis.v1.advice.json"));

    private static QuestionnaireDefinitionException BrokenAdvice(Func<string, string> edit) =>
        Assert.Throws<QuestionnaireDefinitionException>(() => DiagnosisContentCatalog.ParseAdvice(Advice(edit), "bad.advice.json", s_q));

    [Fact]
    public void ParseAdvice_UnknownCountermeasure_NamesWeakPointAndId()
    {
        var ex = BrokenAdvice(json => json.Replace("\"countermeasures\": [\n        \"shredding\"\n      ]", "\"countermeasures\": [ \"shreding\" ]", StringComparison.Ordinal));
        Assert.Equal("bad.advice.json", ex.FileName);
        Assert.Contains("weak point 'office.disposal.1': unknown countermeasure 'shreding'", ex.Problems);
    }

    [Fact]
    public void ParseAdvice_MissingWeakPoint_NamesQuestion()
    {
        var ex = BrokenAdvice(json => json.Replace("\"question\": \"selfcheck.25\"", "\"question\": \"selfcheck.26\"", StringComparison.Ordinal));
        Assert.Contains("weak point 'selfcheck.26': not a scored question of the questionnaire", ex.Problems);
        Assert.Contains("question 'selfcheck.25': scored but has no weak point advice", ex.Problems);
    }

    [Fact]
    public void ParseAdvice_BandsNotCoveringLowestTotal_AreRejected()
    {
        var ex = BrokenAdvice(json => json.Replace("\"minTotal\": -25", "\"minTotal\": 0", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("selfCheck band 'start'", StringComparison.Ordinal) && p.Contains("-25", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseAdvice_UnknownSituationAndBadCondition_AreRejected()
    {
        var ex = BrokenAdvice(json => json
            .Replace("\"raisedBy\": [\n        \"online-banking\"\n      ]", "\"raisedBy\": [ \"crypto\" ]", StringComparison.Ordinal)
            .Replace("\"equals\": \"personal-data\"", "\"equals\": \"personal\"", StringComparison.Ordinal));
        Assert.Contains("countermeasure 'antivirus': unknown situation 'crypto'", ex.Problems);
        Assert.Contains("situation 'personal-data': condition refers to unknown option 'personal' of question 'profile.assets'", ex.Problems);
    }

    [Fact]
    public void ParseAdvice_NotJson_NamesFile()
    {
        var ex = Assert.Throws<QuestionnaireDefinitionException>(() => DiagnosisContentCatalog.ParseAdvice("[1,", "bad.advice.json", s_q));
        Assert.StartsWith("bad.advice.json:", ex.Message, StringComparison.Ordinal);
    }
}
