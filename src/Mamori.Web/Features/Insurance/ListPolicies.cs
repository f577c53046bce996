using Mamori.Web.Data;
using Mamori.Web.Features.HelpDesk.BusinessHours;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Insurance;

/// <summary>Policies the user may see with this policy year's usage and their claims.</summary>
public sealed record PolicyListItem(InsurancePolicy Policy, string CompanyName, PolicyYearUsage Usage, IReadOnlyList<InsuranceClaim> Claims);

public sealed class ListPoliciesHandler(AppDbContext db, TimeProvider time)
{
    public async Task<List<PolicyListItem>> HandleAsync(int? companyId, CancellationToken cancellationToken)
    {
        var policies = db.InsurancePolicies.AsNoTracking();
        if (companyId is { } id)
        {
            policies = policies.Where(p => p.CompanyId == id);
        }

        var list = await policies.ToListAsync(cancellationToken);
        var policyIds = list.Select(p => p.Id).ToList();
        var claims = await db.InsuranceClaims.AsNoTracking().Where(c => policyIds.Contains(c.PolicyId)).ToListAsync(cancellationToken);
        var companyIds = list.Select(p => p.CompanyId).Distinct().ToList();
        var names = await db.Companies.Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(BusinessHoursClock.JapanOffset).DateTime);
        return list
            .OrderBy(p => names.GetValueOrDefault(p.CompanyId), StringComparer.Ordinal).ThenBy(p => p.Cover)
            .Select(p => new PolicyListItem(
                p,
                names.GetValueOrDefault(p.CompanyId, ""),
                PolicyYearUsage.For(p, claims, today),
                claims.Where(c => c.PolicyId == p.Id).OrderByDescending(c => c.IncurredOn).ThenByDescending(c => c.Id).ToList()))
            .ToList();
    }
}
