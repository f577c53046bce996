using Mamori.Web.Data;
using Mamori.Web.Features.Regions;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Dispatch;

/// <summary>
/// The local IT vendors that can go to a company: those whose coverage includes the company's
/// prefecture, vendors based in that prefecture first.
/// </summary>
public sealed record ProposedVendor(int Id, string Name, Prefecture Prefecture, bool SamePrefecture, string? ContactPhone);

public sealed class ProposeVendorsHandler(AppDbContext db)
{
    public async Task<List<ProposedVendor>> HandleAsync(int companyId, CancellationToken cancellationToken)
    {
        var prefecture = await db.Companies.Where(c => c.Id == companyId).Select(c => (Prefecture?)c.Prefecture).SingleOrDefaultAsync(cancellationToken);
        if (prefecture is not { } p)
        {
            return [];
        }

        // An operator has a handful of vendors; the coverage list is matched here rather than in
        // SQL so both providers behave the same.
        var vendors = await db.Vendors.AsNoTracking().ToListAsync(cancellationToken);
        return vendors
            .Where(v => v.CoveragePrefectures.Contains(p))
            .Select(v => new ProposedVendor(v.Id, v.Name, v.Prefecture, v.Prefecture == p, v.ContactPhone))
            .OrderByDescending(v => v.SamePrefecture).ThenBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
    }
}
