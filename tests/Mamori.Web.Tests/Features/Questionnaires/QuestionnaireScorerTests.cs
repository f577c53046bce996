using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Tests.Features.Questionnaires;

public class QuestionnaireScorerTests
{
    private const string Categories = """
        { "id": "c1", "group": "g", "title": { "ja": "一", "en": "One" } },
        { "id": "c2", "group": "g", "title": { "ja": "二", "en": "Two" } }
        """;

    private static QuestionnaireDefinition Scored(int yesScore, int version) => QuestionnaireFixtures.Parse(QuestionnaireFixtures.Wrap(
        $$"""
        { "id": "a", "kind": "singleChoice", "category": "c1", "text": { "ja": "A", "en": "A" },
          "options": [ { "id": "yes", "text": { "ja": "はい", "en": "Yes" }, "score": {{yesScore}} }, { "id": "no", "text": { "ja": "いいえ", "en": "No" }, "score": 0 } ] },
        { "id": "b", "kind": "singleChoice", "category": "c1", "text": { "ja": "B", "en": "B" },
          "options": [ { "id": "yes", "text": { "ja": "はい", "en": "Yes" }, "score": 2 }, { "id": "no", "text": { "ja": "いいえ", "en": "No" }, "score": 0 },
                       { "id": "unknown", "text": { "ja": "わからない", "en": "Don't know" }, "score": -1 } ] },
        { "id": "c", "kind": "singleChoice", "category": "c2", "showWhen": { "question": "a", "equals": "yes" }, "text": { "ja": "C", "en": "C" },
          "options": [ { "id": "yes", "text": { "ja": "はい", "en": "Yes" }, "score": 2 }, { "id": "no", "text": { "ja": "いいえ", "en": "No" }, "score": 0 } ] },
        { "id": "m", "kind": "multipleChoice", "category": "c2", "maxSelections": 2, "text": { "ja": "M", "en": "M" },
          "options": [ { "id": "x", "text": { "ja": "X", "en": "X" }, "score": 3 }, { "id": "y", "text": { "ja": "Y", "en": "Y" }, "score": 2 },
                       { "id": "z", "text": { "ja": "Z", "en": "Z" }, "score": 1 } ] }
        """,
        categories: Categories,
        version: version));

    private static AnswerSet Answers(QuestionnaireDefinition d, params (string Id, Answer Answer)[] answers) =>
        answers.Aggregate(AnswerSet.StartDraft(d, AnswerEntryMode.Self), (set, a) => set.With(a.Id, a.Answer));

    [Fact]
    public void Score_AllBest_Is100PerCategory()
    {
        var d = Scored(2, 1);
        var sheet = QuestionnaireScorer.Score(d, Answers(d, ("a", Answer.Choice("yes")), ("b", Answer.Choice("yes")), ("c", Answer.Choice("yes")), ("m", Answer.Choice("x", "y"))));

        Assert.Equal(100, sheet.Category("c1")!.Normalised);
        Assert.Equal(100, sheet.Category("c2")!.Normalised);
        Assert.Equal(11, sheet.TotalPoints);
        Assert.Equal(11, sheet.TotalMaxPoints);
    }

    [Fact]
    public void Score_HiddenQuestion_DoesNotCount()
    {
        var d = Scored(2, 1);
        var sheet = QuestionnaireScorer.Score(d, Answers(d, ("a", Answer.Choice("no")), ("c", Answer.Choice("yes")), ("m", Answer.Choice("z"))));

        var c2 = sheet.Category("c2")!;
        Assert.Equal(1, c2.QuestionCount);
        Assert.Equal(1, c2.Points);
        Assert.Equal(5, c2.MaxPoints);
        Assert.Equal(20, c2.Normalised);
        Assert.DoesNotContain(sheet.Questions, q => q.QuestionId == "c");
    }

    [Fact]
    public void Score_UnansweredCountsZero_NegativeClampsAtZero()
    {
        var d = Scored(2, 1);
        var sheet = QuestionnaireScorer.Score(d, Answers(d, ("b", Answer.Choice("unknown"))));

        var c1 = sheet.Category("c1")!;
        Assert.Equal(-1, c1.Points);
        Assert.Equal(1, c1.AnsweredCount);
        Assert.Equal(0, c1.Normalised);
        Assert.Null(sheet.Questions.Single(q => q.QuestionId == "a").Points);
    }

    [Fact]
    public void Score_CategoryWithAllQuestionsHidden_HasNoScore()
    {
        var d = QuestionnaireFixtures.Parse(QuestionnaireFixtures.Wrap(
            $$"""
            { "id": "a", "kind": "singleChoice", "category": "c1", {{QuestionnaireFixtures.YesNo}}, "text": { "ja": "A", "en": "A" } },
            { "id": "c", "kind": "singleChoice", "category": "c2", "showWhen": { "question": "a", "equals": "yes" }, {{QuestionnaireFixtures.YesNo}}, "text": { "ja": "C", "en": "C" } }
            """,
            categories: Categories));
        var sheet = QuestionnaireScorer.Score(d, Answers(d, ("a", Answer.Choice("no"))));

        Assert.Null(sheet.Category("c2")!.Normalised);
        Assert.Equal(["c1"], sheet.NormalisedByCategory().Keys);
    }

    [Fact]
    public void Score_UsesTheVersionTheAnswersWereGivenTo()
    {
        var v1 = Scored(2, 1);
        var v2 = Scored(4, 2);
        var catalog = new QuestionnaireCatalog([v1, v2]);
        var answeredWithV1 = Answers(v1, ("a", Answer.Choice("yes")), ("b", Answer.Choice("no")));

        var sheet = QuestionnaireScorer.Score(catalog, answeredWithV1);

        Assert.Equal(1, sheet.Version);
        Assert.Equal(2, sheet.Category("c1")!.Points);
        Assert.Equal(50, sheet.Category("c1")!.Normalised);
        Assert.Throws<ArgumentException>(() => QuestionnaireScorer.Score(v2, answeredWithV1));
    }
}
