using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.HealthReports.Pages;

/// <summary>One report as a page, and its PDF. Another company's report is simply not found (tenant filters).</summary>
public sealed class DetailModel(GetHealthReportHandler reports) : PageModel
{
    public HealthReportView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await reports.HandleAsync(id, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(int id, CancellationToken cancellationToken)
    {
        if (await reports.PdfAsync(id, CultureInfo.CurrentUICulture, cancellationToken) is not { } pdf)
        {
            return NotFound();
        }

        return File(pdf.Pdf, "application/pdf", string.Create(CultureInfo.InvariantCulture, $"health-report-{pdf.Month:yyyy-MM}-{id}.pdf"));
    }
}
