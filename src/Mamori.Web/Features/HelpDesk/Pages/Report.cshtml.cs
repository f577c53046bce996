using System.Globalization;
using System.Text;
using Mamori.Web.Features.HelpDesk.BusinessHours;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.HelpDesk.Pages;

/// <summary>Seed 003 表3.3.2-5 for a period: on the page, or as CSV with <c>?handler=Csv</c>.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ReportModel(BuildHelpDeskReportHandler build, TimeProvider time, IStringLocalizer<HelpDeskResource> localizer) : HelpDeskPageModel(localizer)
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public HelpDeskReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Report = await BuildAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var report = await BuildAsync(cancellationToken);
        var csv = BuildHelpDeskReportHandler.ToCsv(report, Localize);
        var name = string.Create(CultureInfo.InvariantCulture, $"helpdesk-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.csv");
        // A byte-order mark so Excel, which the operators use, reads the Japanese as UTF-8.
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);
    }

    private Task<HelpDeskReport> BuildAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(BusinessHoursClock.JapanOffset).DateTime);
        From ??= new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        To ??= today;
        return build.HandleAsync(From.Value, To.Value, cancellationToken);
    }
}
