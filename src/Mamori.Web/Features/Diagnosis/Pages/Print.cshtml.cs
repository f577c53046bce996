using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Diagnosis.Pages;

/// <summary>
/// The print view of a result, opened by the server's own Chromium with a signed short-lived
/// token. The token sets the tenant to the company it was made for, so the query filters apply
/// as for that company's member.
/// </summary>
[AllowAnonymous]
public sealed class PrintModel(GetDiagnosisResultHandler results, PrintTokens tokens, TenantContext tenant) : PageModel
{
    public DiagnosisResultView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, string? token, CancellationToken cancellationToken)
    {
        if (tokens.Read(token, id) is not { } scope)
        {
            return NotFound();
        }

        tenant.UseMember(scope.OperatorId, scope.CompanyId);
        var view = await results.HandleAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }
}
