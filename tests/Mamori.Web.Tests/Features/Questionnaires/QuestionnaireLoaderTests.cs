using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Tests.Features.Questionnaires;

public class QuestionnaireLoaderTests
{
    private static QuestionnaireDefinitionException Broken(string json) =>
        Assert.Throws<QuestionnaireDefinitionException>(() => QuestionnaireLoader.Parse(json, "broken.json"));

    [Fact]
    public void Parse_Survey2021Excerpt_LoadsSectionsQuestionsAndConditions()
    {
        var survey = QuestionnaireFixtures.Survey2021;

        Assert.Equal("tohoku-survey", survey.Id);
        Assert.Equal(2021, survey.Version);
        Assert.Equal(["1-1", "2-5", "2-6", "2-7", "4-8", "8-1"], survey.Questions.Select(q => q.Id));
        Assert.Equal("2-5", survey.FindQuestion("2-6")!.ShowWhen!.Question);
        Assert.Equal("yes", survey.FindQuestion("2-6")!.ShowWhen!.EqualsValue);
        Assert.True(survey.FindQuestion("4-8")!.FindOption("other")!.IsOther);
        Assert.Equal(QuestionKind.FreeText, survey.FindQuestion("8-1")!.Kind);
    }

    [Fact]
    public void Parse_NotJson_NamesTheFile()
    {
        var ex = Broken("{ \"id\": ");
        Assert.StartsWith("broken.json:", ex.Message, StringComparison.Ordinal);
        Assert.Equal("broken.json", ex.FileName);
    }

    [Fact]
    public void Parse_UnknownProperty_IsRejected()
    {
        var ex = Broken(QuestionnaireFixtures.Wrap("""{ "id": "a", "kind": "freeText", "txet": { "ja": "x", "en": "x" }, "text": { "ja": "x", "en": "x" } }"""));
        Assert.Contains("txet", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingEnglishText_IsRejected()
    {
        Broken(QuestionnaireFixtures.Wrap("""{ "id": "a", "kind": "freeText", "text": { "ja": "日本語だけ" } }"""));
    }

    [Fact]
    public void Parse_ConditionOnUnknownQuestion_NamesQuestionAndReference()
    {
        var ex = Broken(QuestionnaireFixtures.Wrap($$"""
            { "id": "a", "kind": "singleChoice", {{QuestionnaireFixtures.YesNo}}, "text": { "ja": "A", "en": "A" } },
            { "id": "b", "kind": "freeText", "showWhen": { "question": "zz", "equals": "yes" }, "text": { "ja": "B", "en": "B" } }
            """));
        Assert.Contains("broken.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ex.Problems, p => p.StartsWith("question 'b': condition refers to unknown question 'zz'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ConditionOnLaterQuestion_IsRejected()
    {
        var ex = Broken(QuestionnaireFixtures.Wrap($$"""
            { "id": "b", "kind": "freeText", "showWhen": { "question": "a", "equals": "yes" }, "text": { "ja": "B", "en": "B" } },
            { "id": "a", "kind": "singleChoice", {{QuestionnaireFixtures.YesNo}}, "text": { "ja": "A", "en": "A" } }
            """));
        Assert.Contains(ex.Problems, p => p.Contains("question 'b'", StringComparison.Ordinal) && p.Contains("earlier question", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ConditionOnUnknownOption_IsRejected()
    {
        var ex = Broken(QuestionnaireFixtures.Wrap($$"""
            { "id": "a", "kind": "singleChoice", {{QuestionnaireFixtures.YesNo}}, "text": { "ja": "A", "en": "A" } },
            { "id": "b", "kind": "freeText", "showWhen": { "question": "a", "anyOf": [ "yes", "maybe" ] }, "text": { "ja": "B", "en": "B" } }
            """));
        Assert.Contains("question 'b': condition refers to unknown option 'maybe' of question 'a'", ex.Problems);
    }

    [Fact]
    public void Parse_NumberComparisonOnChoice_IsRejected()
    {
        var ex = Broken(QuestionnaireFixtures.Wrap($$"""
            { "id": "a", "kind": "singleChoice", {{QuestionnaireFixtures.YesNo}}, "text": { "ja": "A", "en": "A" } },
            { "id": "b", "kind": "freeText", "showWhen": { "question": "a", "greaterThan": 1 }, "text": { "ja": "B", "en": "B" } }
            """));
        Assert.Contains(ex.Problems, p => p.Contains("not a number question", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ConditionWithTwoOperators_IsRejected()
    {
        var ex = Broken(QuestionnaireFixtures.Wrap($$"""
            { "id": "a", "kind": "singleChoice", {{QuestionnaireFixtures.YesNo}}, "text": { "ja": "A", "en": "A" } },
            { "id": "b", "kind": "freeText", "showWhen": { "question": "a", "equals": "yes", "anyOf": [ "no" ] }, "text": { "ja": "B", "en": "B" } }
            """));
        Assert.Contains(ex.Problems, p => p.Contains("exactly one of", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DuplicateIds_AreAllReported()
    {
        var ex = Broken(QuestionnaireFixtures.Wrap("""
            { "id": "a", "kind": "freeText", "text": { "ja": "A", "en": "A" } },
            { "id": "a", "kind": "singleChoice", "text": { "ja": "A", "en": "A" },
              "options": [ { "id": "x", "text": { "ja": "X", "en": "X" } }, { "id": "x", "text": { "ja": "X", "en": "X" } } ] }
            """));
        Assert.Contains("question 'a': duplicate id", ex.Problems);
        Assert.Contains("question 'a': duplicate option id 'x'", ex.Problems);
    }

    [Fact]
    public void Parse_ScoredQuestionWithUnscoredOption_NamesOption()
    {
        var ex = Broken(QuestionnaireFixtures.Wrap(
            """
            { "id": "a", "kind": "singleChoice", "category": "c", "text": { "ja": "A", "en": "A" },
              "options": [ { "id": "yes", "text": { "ja": "はい", "en": "Yes" }, "score": 2 }, { "id": "no", "text": { "ja": "いいえ", "en": "No" } } ] }
            """,
            categories: """{ "id": "c", "title": { "ja": "C", "en": "C" } }"""));
        Assert.Equal(["question 'a' option 'no': scored question (category 'c') needs a score on every option"], ex.Problems);
    }

    [Fact]
    public void Parse_UnknownCategoryAndOptionSet_AreRejected()
    {
        var ex = Broken(QuestionnaireFixtures.Wrap("""
            { "id": "a", "kind": "singleChoice", "category": "nope", "optionSet": "missing", "text": { "ja": "A", "en": "A" } }
            """));
        Assert.Contains("question 'a': unknown option set 'missing'", ex.Problems);
        Assert.Contains("question 'a': unknown category 'nope'", ex.Problems);
    }

    [Fact]
    public void Parse_OptionSet_IsExpandedIntoQuestion()
    {
        var d = QuestionnaireFixtures.Parse(QuestionnaireFixtures.Wrap(
            """{ "id": "a", "kind": "singleChoice", "category": "c", "optionSet": "yn", "text": { "ja": "A", "en": "A" } }""",
            categories: """{ "id": "c", "title": { "ja": "C", "en": "C" } }""",
            optionSets: """ "yn": [ { "id": "y", "text": { "ja": "はい", "en": "Yes" }, "score": 1 }, { "id": "n", "text": { "ja": "いいえ", "en": "No" }, "score": 0 } ] """));
        Assert.Equal(["y", "n"], d.FindQuestion("a")!.Options.Select(o => o.Id));
    }

    [Fact]
    public void Parse_MisplacedKindProperties_AreRejected()
    {
        var ex = Broken(QuestionnaireFixtures.Wrap("""
            { "id": "a", "kind": "singleChoice", "min": 1, "maxSelections": 2, "text": { "ja": "A", "en": "A" },
              "options": [ { "id": "x", "text": { "ja": "X", "en": "X" }, "isExclusive": true }, { "id": "y", "text": { "ja": "Y", "en": "Y" } } ] },
            { "id": "n", "kind": "number", "min": 5, "max": 1, "text": { "ja": "N", "en": "N" } }
            """));
        Assert.Contains(ex.Problems, p => p.StartsWith("question 'a': min, max", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("question 'a': maxSelections", StringComparison.Ordinal));
        Assert.Contains("question 'a' option 'x': only multiple choice options can be exclusive", ex.Problems);
        Assert.Contains("question 'n': min is greater than max", ex.Problems);
    }

    [Fact]
    public void LoadEmbedded_TestDataPrefix_LoadsEveryFixture()
    {
        var loaded = QuestionnaireLoader.LoadEmbedded(typeof(QuestionnaireLoaderTests).Assembly, "Mamori.Web.Tests.Features.Questionnaires.TestData.");
        Assert.Equal(["tohoku-survey"], loaded.Select(d => d.Id));
    }

    [Fact]
    public void Parse_SeveralProblems_AreAllListedInOneMessage()
    {
        var ex = Broken("""
            { "id": "", "version": 0, "title": { "ja": "", "en": "t" },
              "sections": [ { "id": "s", "title": { "ja": "節", "en": "S" }, "questions": [
                { "id": "a", "kind": "singleChoice", "text": { "ja": "A", "en": "A" }, "options": [ { "id": "x", "text": { "ja": "X", "en": "X" } } ] } ] } ] }
            """);
        Assert.Equal(4, ex.Problems.Count);
        Assert.Contains("questionnaire id is empty", ex.Message, StringComparison.Ordinal);
        Assert.Contains("question 'a': a choice question needs at least two options", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_SameVersionTwice_Throws()
    {
        var d = QuestionnaireFixtures.Survey2021;
        Assert.Throws<QuestionnaireDefinitionException>(() => new QuestionnaireCatalog([d, d]));
    }

    [Fact]
    public void Catalog_LatestAndGet_FindByVersion()
    {
        var v1 = QuestionnaireFixtures.Parse(QuestionnaireFixtures.Wrap("""{ "id": "a", "kind": "freeText", "text": { "ja": "A", "en": "A" } }""", version: 1));
        var v2 = v1 with { Version = 2 };
        var catalog = new QuestionnaireCatalog([v2, v1]);

        Assert.Same(v2, catalog.Latest("t"));
        Assert.Same(v1, catalog.Get("t", 1));
        Assert.Throws<KeyNotFoundException>(() => catalog.Get("t", 3));
    }
}
