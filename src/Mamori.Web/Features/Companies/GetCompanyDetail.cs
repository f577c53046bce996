using Mamori.Web.Data;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Regions;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Features.Sites;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Companies;

/// <summary>
/// One company with its contacts, sites, sensors and devices. Returns null when the company does
/// not exist or belongs to another tenant (the query filters hide it), so pages answer 404.
/// </summary>
public sealed record CompanyDetail(
    int Id,
    string Name,
    string? NameKana,
    Industry Industry,
    Prefecture Prefecture,
    EmployeeBand EmployeeBand,
    CapitalBand CapitalBand,
    int PcCount,
    IReadOnlyList<ContactItem> Contacts,
    IReadOnlyList<SiteItem> Sites,
    IReadOnlyList<DeviceItem> Devices);

public sealed record ContactItem(string Name, string? Title, string? Email, string? Phone, bool IsPrimary);

public sealed record SiteItem(int Id, string Name, SiteKind Kind, Prefecture Prefecture, string? Address, IReadOnlyList<SensorItem> Sensors);

public sealed record SensorItem(string SerialNumber, string Name, SensorStatus Status);

public sealed record DeviceItem(string Name, DeviceKind Kind, string? HostName, string? IpAddress, string? UsedBy, string? SiteName);

public sealed class GetCompanyDetailHandler(AppDbContext db)
{
    public async Task<CompanyDetail?> HandleAsync(int companyId, CancellationToken cancellationToken)
    {
        var company = await db.Companies.AsNoTracking()
            .Where(c => c.Id == companyId)
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.NameKana,
                c.Industry,
                c.Prefecture,
                c.EmployeeBand,
                c.CapitalBand,
                c.PcCount,
                Contacts = c.Contacts.OrderByDescending(x => x.IsPrimary).ThenBy(x => x.Id)
                    .Select(x => new ContactItem(x.Name, x.Title, x.Email, x.Phone, x.IsPrimary)).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (company is null)
        {
            return null;
        }

        var sites = await db.Sites.AsNoTracking().Where(s => s.CompanyId == companyId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var sensors = await db.Sensors.AsNoTracking().Where(s => s.CompanyId == companyId).OrderBy(s => s.SerialNumber).ToListAsync(cancellationToken);
        var devices = await db.Devices.AsNoTracking().Where(d => d.CompanyId == companyId).OrderBy(d => d.Id).ToListAsync(cancellationToken);

        var siteNames = sites.ToDictionary(s => s.Id, s => s.Name);
        return new CompanyDetail(
            company.Id, company.Name, company.NameKana, company.Industry, company.Prefecture,
            company.EmployeeBand, company.CapitalBand, company.PcCount,
            company.Contacts,
            [.. sites.Select(s => new SiteItem(s.Id, s.Name, s.Kind, s.Prefecture, s.Address,
                [.. sensors.Where(x => x.SiteId == s.Id).Select(x => new SensorItem(x.SerialNumber, x.Name, x.Status))]))],
            [.. devices.Select(d => new DeviceItem(d.Name, d.Kind, d.HostName, d.IpAddress, d.UsedBy,
                d.SiteId is { } siteId && siteNames.TryGetValue(siteId, out var siteName) ? siteName : null))]);
    }
}
