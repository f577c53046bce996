using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Tests.Features.Questionnaires;

/// <summary>Test definitions: the 2021 survey excerpt (TestData) and small inline questionnaires.</summary>
internal static class QuestionnaireFixtures
{
    public const string SurveyResource = "Mamori.Web.Tests.Features.Questionnaires.TestData.survey-2021-excerpt.json";

    public static QuestionnaireDefinition Survey2021 { get; } =
        QuestionnaireLoader.Parse(QuestionnaireLoader.ReadResource(typeof(QuestionnaireFixtures).Assembly, SurveyResource), SurveyResource);

    /// <summary>A questionnaire with one section holding the given question objects (JSON).</summary>
    public static string Wrap(string questionsJson, string categories = "", string optionSets = "", int version = 1) => $$"""
        {
          "id": "t", "version": {{version}},
          "title": { "ja": "テスト", "en": "Test" },
          "categories": [ {{categories}} ],
          "optionSets": { {{optionSets}} },
          "sections": [ { "id": "s", "title": { "ja": "節", "en": "Section" }, "questions": [ {{questionsJson}} ] } ]
        }
        """;

    public static QuestionnaireDefinition Parse(string json) => QuestionnaireLoader.Parse(json, "test.json");

    public const string YesNo = """
        "options": [ { "id": "yes", "text": { "ja": "はい", "en": "Yes" }, "score": 2 },
                     { "id": "no", "text": { "ja": "いいえ", "en": "No" }, "score": 0 } ]
        """;

    /// <summary>Kinds and ranges: a number, a text, a multiple choice with an exclusive option.</summary>
    public static QuestionnaireDefinition Kinds { get; } = Parse(Wrap($$"""
        { "id": "pcs", "kind": "number", "required": true, "min": 0, "max": 500, "unit": { "ja": "台", "en": "PCs" },
          "text": { "ja": "パソコンは何台ありますか?", "en": "How many PCs do you have?" } },
        { "id": "ratio", "kind": "number", "min": 0, "max": 1, "allowDecimals": true,
          "text": { "ja": "割合", "en": "Share" } },
        { "id": "note", "kind": "freeText", "maxLength": 10, "text": { "ja": "メモ", "en": "Note" } },
        { "id": "many", "kind": "number", "showWhen": { "question": "pcs", "atLeast": 20 },
          "text": { "ja": "20台以上の方: 管理担当者は何人?", "en": "20 PCs or more: how many people look after them?" } },
        { "id": "big", "kind": "freeText",
          "showWhen": { "any": [ { "question": "pcs", "greaterThan": 100 }, { "all": [ { "question": "pcs", "lessThan": 5 }, { "question": "note", "answered": true } ] } ] },
          "text": { "ja": "説明", "en": "Explain" } },
        { "id": "small", "kind": "freeText", "showWhen": { "question": "pcs", "atMost": 3 }, "text": { "ja": "少数", "en": "Few" } }
        """));
}
