using System.Globalization;
using Mamori.Sensor.Intel;
using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Intel.Pages;

/// <summary>
/// Analysts hunt for indicators (a pasted list or a whole feed) in every summary the operator's
/// sensors shipped, optionally raising alerts; the page also shows the server's own feed-driven hunts.
/// </summary>
[Authorize(Policy = Policies.Analyst)]
public sealed class RetroHuntModel(
    HuntStoredTrafficHandler hunt,
    IntelFeedState feeds,
    AppDbContext db,
    ITenantContext tenant,
    TimeProvider time,
    IOptions<RetroHuntOptions> options,
    IStringLocalizer<IntelResource> localizer) : PageModel
{
    /// <summary>Longest input accepted (a large feed export fits; a mistaken upload of a capture does not).</summary>
    public const int MaxInputChars = 8_000_000;

    /// <summary>Findings listed on the page (all are counted, and all are raised when asked).</summary>
    public const int ShownHits = 500;

    [BindProperty]
    public string? Indicators { get; set; }

    [BindProperty]
    public IntelCategory Category { get; set; } = IntelCategory.C2;

    [BindProperty]
    public int Days { get; set; }

    [BindProperty]
    public int? CompanyId { get; set; }

    [BindProperty]
    public bool RaiseAlerts { get; set; }

    public string? Error { get; private set; }

    public IndicatorListResult? Parsed { get; private set; }

    public RetroHuntResult? Result { get; private set; }

    public IReadOnlyDictionary<int, string> Companies { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyList<RetroHuntRun> Runs { get; private set; } = [];

    public int ServerIndicators { get; private set; }

    public int MaxDays => (int)options.Value.Lookback.TotalDays;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Days = MaxDays;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(Indicators))
        {
            Error = localizer["Hunt.Empty"];
            return Page();
        }

        if (Indicators.Length > MaxInputChars)
        {
            Error = localizer["Hunt.TooLarge"];
            return Page();
        }

        if (Days < 1 || Days > MaxDays)
        {
            Error = localizer["Hunt.BadDays", MaxDays];
            return Page();
        }

        if (CompanyId is { } company && !Companies.ContainsKey(company))
        {
            Error = localizer["Hunt.BadCompany"];
            return Page();
        }

        Parsed = IndicatorList.Parse(Indicators, Category, "analyst:" + (User.Identity?.Name ?? "unknown"));
        if (Parsed.Indicators.Count == 0)
        {
            Error = localizer["Hunt.NoIndicators"];
            return Page();
        }

        Result = await hunt.HandleAsync(
            new RetroHuntRequest(tenant.OperatorId!.Value, Parsed.Indicators, time.GetUtcNow().AddDays(-Days), CompanyId, RaiseAlerts),
            cancellationToken);
        return Page();
    }

    public static string JapanTime(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var operatorId = tenant.OperatorId!.Value;
        Companies = await db.Companies.Where(c => c.OperatorId == operatorId).OrderBy(c => c.Id).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        Runs = feeds.Runs(operatorId);
        ServerIndicators = feeds.IndicatorCount(operatorId);
    }
}
