using Mamori.Web.Data;
using Mamori.Web.Features.Questionnaires;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Diagnosis.Pages;

/// <summary>The operator enters national reference values (e.g. from IPA surveys) shown beside the peer averages.</summary>
[Authorize(Policy = Policies.OperatorAdmin)]
public sealed class NationalReferenceModel(AppDbContext db, DiagnosisContentCatalog catalog, SetNationalReferenceValuesHandler set) : PageModel
{
    public IReadOnlyList<(string Key, string Label)> Keys { get; private set; } = [];

    public Dictionary<string, string?> Values { get; private set; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, LocalizedText> Problems { get; private set; } = new Dictionary<string, LocalizedText>();

    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool? saved, CancellationToken cancellationToken)
    {
        Saved = saved == true;
        LoadKeys();
        var stored = await PeerScores.NationalReferenceAsync(db, cancellationToken);
        Values = stored.ToDictionary(s => s.Key, s => (string?)DiagnosisText.Score(s.Value), StringComparer.Ordinal);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        LoadKeys();
        Values = Request.Form.Where(f => f.Key.StartsWith("v.", StringComparison.Ordinal))
            .ToDictionary(f => f.Key[2..], f => (string?)f.Value.ToString(), StringComparer.Ordinal);
        Problems = await set.HandleAsync(db.Tenant.OperatorId ?? 0, Values, cancellationToken);
        if (Problems.Count == 0)
        {
            return Redirect("/diagnosis/national-reference?saved=true");
        }

        return Page();
    }

    private void LoadKeys()
    {
        var content = catalog.Latest;
        Keys = DiagnosisEvaluator.BenchmarkKeys(content)
            .Select(k => (k, content.Questionnaire.FindCategory(k)?.Title is { } t ? DiagnosisText.L(t)
                : content.Advice.Groups.FirstOrDefault(g => g.Id == k)?.Title is { } g ? DiagnosisText.L(g)
                : DiagnosisText.L("25項目の自己チェック(合計点)", "25-item self-check (total)")))
            .ToList();
    }
}
