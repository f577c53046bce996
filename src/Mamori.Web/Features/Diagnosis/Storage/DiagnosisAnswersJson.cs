using System.Text.Json;
using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Features.Diagnosis.Storage;

/// <summary>
/// The stored form of the answers: <c>{"questionId": {"selected": [...], "number": 3, "text": "...", "otherText": "..."}}</c>.
/// Kept as one JSON column because the questionnaire is data and changes by version; the
/// version recorded beside it says how to read it.
/// </summary>
public static class DiagnosisAnswersJson
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(IReadOnlyDictionary<string, Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var ordered = answers.OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(a => a.Key, a => new StoredAnswer(a.Value.Selected.Count > 0 ? a.Value.Selected : null, a.Value.Number, a.Value.Text, a.Value.OtherText), StringComparer.Ordinal);
        return JsonSerializer.Serialize(ordered, s_options);
    }

    public static AnswerSet Read(DiagnosisRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stored = JsonSerializer.Deserialize<Dictionary<string, StoredAnswer>>(record.AnswersJson, s_options) ?? [];
        return new AnswerSet
        {
            QuestionnaireId = record.QuestionnaireId,
            Version = record.QuestionnaireVersion,
            Status = record.Status,
            EnteredBy = record.EntryMode,
            Answers = stored.ToDictionary(
                s => s.Key,
                s => new Answer { Selected = s.Value.Selected ?? [], Number = s.Value.Number, Text = s.Value.Text, OtherText = s.Value.OtherText },
                StringComparer.Ordinal),
        };
    }

    private sealed record StoredAnswer(IReadOnlyList<string>? Selected, decimal? Number, string? Text, string? OtherText);
}
