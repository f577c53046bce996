using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Diagnosis.Pages;

/// <summary>The result of a submitted diagnosis, and its one-page PDF printed from the print view.</summary>
public sealed class ResultModel(GetDiagnosisResultHandler results, AppDbContext db, PrintTokens tokens, IPdfRenderer pdf) : PageModel
{
    public DiagnosisResultView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var view = await results.HandleAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }

    /// <summary>
    /// Chromium opens the print view with a two-minute token (it has no sign-in cookie) and
    /// prints once the charts have set their "rendered" marker.
    /// </summary>
    public async Task<IActionResult> OnGetPdfAsync(int id, CancellationToken cancellationToken)
    {
        var view = await results.HandleAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        var token = tokens.Create(id, db.Tenant.OperatorId ?? 0, view.CompanyId);
        var culture = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja" ? "ja" : "en";
        var url = new Uri($"{Request.Scheme}://{Request.Host}/diagnosis/{id}/print?token={Uri.EscapeDataString(token)}&culture={culture}&ui-culture={culture}");
        var bytes = await pdf.RenderUrlAsync(url, PdfPageSettings.A4 with { WaitForSelector = "body[data-charts-rendered='1']" }, cancellationToken: cancellationToken);
        return File(bytes, "application/pdf", $"diagnosis-{id}-{view.AnsweredOn:yyyyMMdd}.pdf");
    }
}
