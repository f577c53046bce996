using System.Globalization;
using System.Text;
using Mamori.Web.Features.HealthReports;
using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Analytics.Pages;

/// <summary>Programme analytics (R-7.2, seed 003 図4.1-1 to 4.1-3) for any period, with CSV (<c>?handler=Csv</c>).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(BuildProgrammeAnalyticsHandler build, TimeProvider time, IStringLocalizer<HealthReportResource> text, IStringLocalizer<SharedResource> shared) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public string? Error { get; private set; }

    public ProgrammeAnalytics Analytics { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Analytics = await BuildAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var analytics = await BuildAsync(cancellationToken);
        var csv = BuildProgrammeAnalyticsHandler.ToCsv(analytics, Label);
        var name = string.Create(CultureInfo.InvariantCulture, $"analytics-{analytics.From:yyyyMMdd}-{analytics.To:yyyyMMdd}.csv");
        // A byte-order mark so Excel reads the Japanese as UTF-8.
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);
    }

    public string Label(string key) => key.StartsWith("Industry.", StringComparison.Ordinal) ? shared[key] : text[key];

    private Task<ProgrammeAnalytics> BuildAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(HealthReportMonth.JapanOffset).DateTime);
        From ??= new DateOnly(today.Year, 1, 1).AddYears(-1);
        To ??= today;
        if (From > To)
        {
            Error = text["Analytics.BadPeriod"];
            (From, To) = (To, From);
        }

        return build.HandleAsync(From.Value, To.Value, cancellationToken);
    }
}
