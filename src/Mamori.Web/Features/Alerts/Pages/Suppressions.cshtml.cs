using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Triage;
using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Alerts.Pages;

/// <summary>Known-benign suppression rules: list with match counts, create, end.</summary>
[Authorize(Policy = Policies.Analyst)]
public sealed class SuppressionsModel(SuppressAlertsHandler suppress, AppDbContext db, TimeProvider time, IStringLocalizer<TriageResource> localizer)
    : TriagePageModel(localizer)
{
    public sealed record RuleRow(SuppressionRule Rule, string CompanyName, bool Active);

    [BindProperty]
    public int CompanyId { get; set; }

    [BindProperty]
    public AlertType? Type { get; set; }

    [BindProperty]
    public string? SrcIp { get; set; }

    [BindProperty]
    public string? DstIp { get; set; }

    [BindProperty]
    public string? DstName { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Days { get; set; } = 90;

    public IReadOnlyList<RuleRow> Rules { get; private set; } = [];

    public IReadOnlyList<(int Id, string Name)> Companies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await suppress.CreateRuleAsync(new SuppressionRuleRequest(CompanyId, Type, SrcIp, DstIp, DstName, Reason, Days), UserName, cancellationToken);
        if (!result.Succeeded)
        {
            Error = Localize(result.Error!);
            await LoadAsync(cancellationToken);
            return Page();
        }

        Message = Localize("Suppressions.Created");
        return Redirect("/alerts/suppressions");
    }

    public async Task<IActionResult> OnPostEndAsync(int ruleId, CancellationToken cancellationToken)
    {
        await suppress.DeleteRuleAsync(ruleId, cancellationToken);
        return Redirect("/alerts/suppressions");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var names = await db.Companies.ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        Companies = names.OrderBy(c => c.Key).Select(c => (c.Key, c.Value)).ToList();
        Rules = (await db.Set<SuppressionRule>().AsNoTracking().ToListAsync(cancellationToken))
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new RuleRow(r, names.GetValueOrDefault(r.CompanyId, ""), r.ExpiresAt > now))
            .ToList();
    }
}
