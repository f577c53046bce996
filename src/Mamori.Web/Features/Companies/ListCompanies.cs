using Mamori.Web.Data;
using Mamori.Web.Features.Regions;
using Mamori.Web.Features.Sensors;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Companies;

/// <summary>The operator's member companies, filtered by name, industry and prefecture.</summary>
public sealed record ListCompaniesQuery(string? Search = null, Industry? Industry = null, Prefecture? Prefecture = null);

public sealed record CompanyListItem(
    int Id,
    string Name,
    string? NameKana,
    Industry Industry,
    Prefecture Prefecture,
    EmployeeBand EmployeeBand,
    int PcCount,
    int SensorCount);

public sealed class ListCompaniesHandler(AppDbContext db)
{
    public async Task<List<CompanyListItem>> HandleAsync(ListCompaniesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var companies = db.Companies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            companies = companies.Where(c => c.Name.Contains(search) || (c.NameKana != null && c.NameKana.Contains(search)));
        }

        if (query.Industry is { } industry)
        {
            companies = companies.Where(c => c.Industry == industry);
        }

        if (query.Prefecture is { } prefecture)
        {
            companies = companies.Where(c => c.Prefecture == prefecture);
        }

        return await companies
            .OrderBy(c => c.Prefecture).ThenBy(c => c.NameKana ?? c.Name)
            .Select(c => new CompanyListItem(
                c.Id,
                c.Name,
                c.NameKana,
                c.Industry,
                c.Prefecture,
                c.EmployeeBand,
                c.PcCount,
                db.Set<NetworkSensor>().Count(s => s.CompanyId == c.Id)))
            .ToListAsync(cancellationToken);
    }
}
