using Mamori.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Dispatch;

/// <summary>Dispatches the current user may see (staff: the operator's; member: its own; vendor: those given to it), with their visits.</summary>
public sealed record DispatchListItem(
    DispatchRequest Dispatch,
    string CompanyName,
    string SiteName,
    string? SiteAddress,
    string? VendorName,
    Visit? Visit);

public sealed class ListDispatchesHandler(AppDbContext db)
{
    public async Task<List<DispatchListItem>> HandleAsync(int? id, CancellationToken cancellationToken)
    {
        var query = db.Dispatches.AsNoTracking();
        if (id is { } one)
        {
            query = query.Where(d => d.Id == one);
        }

        var dispatches = await query.ToListAsync(cancellationToken);
        var ids = dispatches.Select(d => d.Id).ToList();
        var visits = await db.Visits.AsNoTracking().Where(v => ids.Contains(v.DispatchId)).ToListAsync(cancellationToken);

        // Names are read with the system's view of the company and site: a vendor must see where
        // to go for a dispatch given to it, and the dispatch itself is already filtered.
        var companyIds = dispatches.Select(d => d.CompanyId).Distinct().ToList();
        var siteIds = dispatches.Select(d => d.SiteId).Distinct().ToList();
        var vendorIds = dispatches.Where(d => d.VendorId is not null).Select(d => d.VendorId!.Value).Distinct().ToList();
        var companies = await db.Companies.IgnoreQueryFilters().Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var sites = await db.Sites.IgnoreQueryFilters().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var vendors = await db.Vendors.IgnoreQueryFilters().Where(v => vendorIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, cancellationToken);

        return dispatches
            .OrderByDescending(d => d.RequestedAt)
            .Select(d => new DispatchListItem(
                d,
                companies.GetValueOrDefault(d.CompanyId, ""),
                sites.TryGetValue(d.SiteId, out var site) ? site.Name : "",
                sites.TryGetValue(d.SiteId, out var s2) ? s2.Address : null,
                d.VendorId is { } v ? vendors.GetValueOrDefault(v) : null,
                visits.SingleOrDefault(x => x.DispatchId == d.Id)))
            .ToList();
    }
}
