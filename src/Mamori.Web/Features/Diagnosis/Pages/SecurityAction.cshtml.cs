using System.Globalization;
using Mamori.Web.Features.Questionnaires;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Diagnosis.Pages;

/// <summary>The operator's view of where each member stands on SECURITY ACTION, and recording a declaration.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SecurityActionModel(ListSecurityActionStandingHandler list, RecordSecurityActionDeclarationHandler record) : PageModel
{
    public IReadOnlyList<SecurityActionStandingRow> Rows { get; private set; } = [];

    public SecurityActionStage? Filter { get; private set; }

    public IReadOnlyList<LocalizedText> Problems { get; private set; } = [];

    public int? FormCompanyId { get; private set; }

    public bool Recorded { get; private set; }

    public async Task OnGetAsync(SecurityActionStage? stage, bool? recorded, CancellationToken cancellationToken)
    {
        Filter = stage;
        Recorded = recorded == true;
        Rows = await list.HandleAsync(stage, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(int companyId, string? stars, string? declarationId, string? declaredOn, string? policyUrl, CancellationToken cancellationToken)
    {
        var level = stars switch { "1" => SecurityActionStars.One, "2" => SecurityActionStars.Two, _ => SecurityActionStars.None };
        DateOnly? date = DateOnly.TryParseExact(declaredOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var problems = await record.HandleAsync(new RecordSecurityActionDeclarationRequest(companyId, level, declarationId, date, policyUrl), cancellationToken);
        if (problems is null)
        {
            return NotFound();
        }

        if (problems.Count == 0)
        {
            return Redirect("/diagnosis/security-action?recorded=true");
        }

        Problems = problems;
        FormCompanyId = companyId;
        Rows = await list.HandleAsync(null, cancellationToken);
        return Page();
    }

    public static string StageText(SecurityActionStage stage) => stage switch
    {
        SecurityActionStage.ReadyForOneStar => DiagnosisText.L("一つ星の準備ができている", "Ready for one star"),
        SecurityActionStage.ReadyForTwoStars => DiagnosisText.L("二つ星の準備ができている", "Ready for two stars"),
        SecurityActionStage.DeclaredOneStar => DiagnosisText.L("一つ星を宣言済み", "Declared one star"),
        SecurityActionStage.DeclaredTwoStars => DiagnosisText.L("二つ星を宣言済み", "Declared two stars"),
        _ => DiagnosisText.L("まだ", "Not yet"),
    };
}
