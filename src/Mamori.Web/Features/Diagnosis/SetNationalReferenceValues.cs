using System.Globalization;
using Mamori.Web.Data;
using Mamori.Web.Features.Diagnosis.Storage;
using Mamori.Web.Features.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Diagnosis;

/// <summary>
/// Replaces the operator's national reference values. Values are typed as text (0–100; the
/// self-check total −25..100); an empty field removes the value. Nothing is stored when any field is wrong.
/// </summary>
public sealed class SetNationalReferenceValuesHandler(AppDbContext db, DiagnosisContentCatalog catalog)
{
    /// <returns>Problems keyed by benchmark key; empty when saved.</returns>
    public async Task<IReadOnlyDictionary<string, LocalizedText>> HandleAsync(int operatorId, IReadOnlyDictionary<string, string?> typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var keys = DiagnosisEvaluator.BenchmarkKeys(catalog.Latest).ToHashSet(StringComparer.Ordinal);
        var problems = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, text) in typed)
        {
            if (!keys.Contains(key))
            {
                problems[key] = new("この項目はありません。", "There is no such item.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var min = key == DiagnosisEvaluator.SelfCheckTotalKey ? -25 : 0;
            if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value < min || value > 100)
            {
                problems[key] = new($"{min}から100までの数を入れてください。", $"Enter a number from {min} to 100.");
                continue;
            }

            values[key] = Math.Round(value, 1);
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var existing = await db.NationalReferenceValues.Where(n => n.OperatorId == operatorId).ToListAsync(cancellationToken);
        db.NationalReferenceValues.RemoveRange(existing.Where(e => !values.ContainsKey(e.Key)));
        foreach (var (key, value) in values)
        {
            var row = existing.FirstOrDefault(e => e.Key == key);
            if (row is null)
            {
                db.NationalReferenceValues.Add(new NationalReferenceValue { OperatorId = operatorId, Key = key, Value = value });
            }
            else
            {
                row.Value = value;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return problems;
    }
}
