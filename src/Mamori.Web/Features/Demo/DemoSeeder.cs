using System.Globalization;
using Mamori.Web.Data;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Insurance;
using Mamori.Web.Features.Operators;
using Mamori.Web.Features.Regions;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Features.Sites;
using Mamori.Web.Features.Vendors;
using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Demo;

/// <summary>
/// Fills an empty database with a demo programme: a Tohoku operator with 20 member companies
/// across the 14 industries and the six prefectures, its SOC provider, insurer, three vendors and
/// a user for every role, plus a small second operator in Hokuriku to show isolation. Everything
/// is fixed data inserted in a fixed order, so two runs give the same rows.
/// </summary>
public sealed partial class DemoSeeder
{
    private readonly AppDbContext _db;
    private readonly TenantContext _tenant;
    private readonly UserManager<ApplicationUser> _users;
    private readonly RoleManager<IdentityRole> _roles;
    private readonly ILogger<DemoSeeder> _logger;

    public DemoSeeder(AppDbContext db, TenantContext tenant, UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, ILogger<DemoSeeder> logger)
    {
        _db = db;
        _tenant = tenant;
        _users = users;
        _roles = roles;
        _logger = logger;
    }

    /// <returns>False when the database already holds an operator (nothing is changed then).</returns>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        _tenant.UseSystem();
        if (await _db.Operators.AnyAsync(cancellationToken))
        {
            LogSkipped();
            return false;
        }

        await SeedAsync(cancellationToken);
        return true;
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await _roles.RoleExistsAsync(role))
            {
                Check(await _roles.CreateAsync(new IdentityRole(role)));
            }
        }

        var tohoku = await AddOperatorAsync(s_tohoku, cancellationToken);
        var hokuriku = await AddOperatorAsync(s_hokuriku, cancellationToken);

        await AddUserAsync(DemoLogins.TohokuOperator, tohoku.Operator.Id);
        await AddUserAsync(DemoLogins.TohokuAnalyst, tohoku.Operator.Id);
        await AddUserAsync(DemoLogins.TohokuAdvisor, tohoku.Operator.Id);
        await AddUserAsync(DemoLogins.AobaMember, tohoku.Operator.Id, companyId: tohoku.Companies["株式会社青葉商事"]);
        await AddUserAsync(DemoLogins.MinatoMember, tohoku.Operator.Id, companyId: tohoku.Companies["株式会社八戸みなと水産"]);
        await AddUserAsync(DemoLogins.MichinokuVendor, tohoku.Operator.Id, vendorId: tohoku.Vendors["株式会社みちのくITサポート"]);
        await SeedHelpDeskAsync(tohoku, cancellationToken);
        await SeedDeviceInventoryAsync(cancellationToken);
        await SeedTriageAsync(tohoku, cancellationToken);
        await SeedHealthReportsAsync(tohoku.Operator.Id, cancellationToken);
        await AddUserAsync(DemoLogins.HokurikuOperator, hokuriku.Operator.Id);
        await AddUserAsync(DemoLogins.HokurikuMember, hokuriku.Operator.Id, companyId: hokuriku.Companies["株式会社金沢工芸社"]);
        await AddUserAsync(DemoLogins.HokurikuVendor, hokuriku.Operator.Id, vendorId: hokuriku.Vendors["加賀ネットサービス株式会社"]);
        await SeedSensorsAsync(cancellationToken);
        await SeedStoredSummariesAsync(cancellationToken);
        LogSeeded(tohoku.Companies.Count + hokuriku.Companies.Count);
    }

    private async Task<SeededOperator> AddOperatorAsync(DemoOperator spec, CancellationToken cancellationToken)
    {
        var op = new OperatorOrganisation
        {
            Name = spec.Name,
            NameKana = spec.NameKana,
            Prefecture = spec.Prefecture,
            ContactEmail = spec.ContactEmail,
            ContactPhone = spec.ContactPhone,
        };
        _db.Operators.Add(op);
        await _db.SaveChangesAsync(cancellationToken);

        _db.SocProviders.Add(new SocProvider { OperatorId = op.Id, Name = spec.SocProvider, ContactEmail = "soc@" + spec.MailDomain });
        _db.Insurers.Add(new Insurer { OperatorId = op.Id, Name = spec.Insurer, ContactPhone = spec.InsurerPhone });

        var vendors = spec.Vendors.Select(v => new Vendor
        {
            OperatorId = op.Id,
            Name = v.Name,
            Prefecture = v.Prefecture,
            CoveragePrefectures = [.. v.Coverage],
            ContactEmail = v.Email,
            ContactPhone = v.Phone,
        }).ToList();
        _db.Vendors.AddRange(vendors);

        var companies = new List<MemberCompany>();
        foreach (var c in spec.Companies)
        {
            var company = new MemberCompany
            {
                OperatorId = op.Id,
                Name = c.Name,
                NameKana = c.NameKana,
                Industry = c.Industry,
                Prefecture = c.Prefecture,
                EmployeeBand = c.Employees,
                CapitalBand = c.Capital,
                PcCount = c.PcCount,
            };
            company.Contacts.Add(new CompanyContact
            {
                OperatorId = op.Id,
                Name = c.Contact,
                Title = c.ContactTitle,
                Email = "info@" + c.MailDomain,
                Phone = c.Phone,
                IsPrimary = true,
            });
            companies.Add(company);
        }

        _db.Companies.AddRange(companies);
        await _db.SaveChangesAsync(cancellationToken);

        var sites = companies.Select((c, i) => AddSites(c, spec.Companies[i], i)).ToList();
        await _db.SaveChangesAsync(cancellationToken);

        for (var i = 0; i < companies.Count; i++)
        {
            AddSensorsAndDevices(companies[i], spec.Companies[i], sites[i], spec.SerialPrefix, i);
        }

        AddDemoDiagnoses(op.Id, companies.Select(c => (c.Id, c.Industry)).ToList());
        await _db.SaveChangesAsync(cancellationToken);
        return new SeededOperator(
            op,
            companies.ToDictionary(c => c.Name, c => c.Id, StringComparer.Ordinal),
            vendors.ToDictionary(v => v.Name, v => v.Id, StringComparer.Ordinal));
    }

    private List<Site> AddSites(MemberCompany company, DemoCompany spec, int index)
    {
        // The smallest companies have no mirror port: their sensor sits inline behind the router.
        var officeKind = spec.Employees <= EmployeeBand.From6To10 ? SiteKind.SmallOffice : SiteKind.Office;
        var sites = new List<Site>
        {
            new()
            {
                OperatorId = company.OperatorId,
                CompanyId = company.Id,
                Name = officeKind == SiteKind.Office ? "本社" : "事務所",
                Kind = officeKind,
                Prefecture = spec.Prefecture,
                Address = spec.Address,
            },
        };

        if (index % 3 == 0)
        {
            sites.Add(new Site
            {
                OperatorId = company.OperatorId,
                CompanyId = company.Id,
                Name = "テレワーク(" + spec.Contact.Split(' ')[0] + "さん宅)",
                Kind = SiteKind.TeleworkHome,
                Prefecture = spec.Prefecture,
            });
        }

        _db.Sites.AddRange(sites);
        return sites;
    }

    private void AddSensorsAndDevices(MemberCompany company, DemoCompany spec, List<Site> sites, string serialPrefix, int index)
    {
        for (var s = 0; s < sites.Count; s++)
        {
            _db.Sensors.Add(new NetworkSensor
            {
                OperatorId = company.OperatorId,
                CompanyId = company.Id,
                SiteId = sites[s].Id,
                SerialNumber = string.Create(CultureInfo.InvariantCulture, $"{serialPrefix}-{index + 1:D3}-{s + 1}"),
                Name = sites[s].Name + "のセンサー",
                Status = index % 5 == 4 ? SensorStatus.Shipped : SensorStatus.Monitoring,
            });
        }

        var deviceCount = Math.Min(spec.PcCount, s_deviceNames.Length);
        for (var d = 0; d < deviceCount; d++)
        {
            var (name, kind) = s_deviceNames[d];
            var host = 10 + d;
            _db.Devices.Add(new Device
            {
                OperatorId = company.OperatorId,
                CompanyId = company.Id,
                SiteId = sites[0].Id,
                Name = name,
                Kind = kind,
                HostName = string.Create(CultureInfo.InvariantCulture, $"{spec.MailDomain.Split('.')[0]}-{d + 1:D2}"),
                IpAddress = string.Create(CultureInfo.InvariantCulture, $"192.168.{index + 1}.{host}"),
                MacAddress = string.Create(CultureInfo.InvariantCulture, $"02:4d:41:{index + 1:x2}:00:{host:x2}"),
                UsedBy = kind == DeviceKind.Pc ? spec.Contact : null,
            });
        }
    }

    private async Task AddUserAsync(DemoLogin login, int operatorId, int? companyId = null, int? vendorId = null)
    {
        var user = new ApplicationUser
        {
            // Fixed ids keep the demo deterministic (Identity would draw a random GUID).
            Id = "demo-" + login.Email.Replace('@', '-').Replace('.', '-'),
            UserName = login.Email,
            Email = login.Email,
            EmailConfirmed = true,
            DisplayName = login.DisplayName,
            OperatorId = operatorId,
            CompanyId = companyId,
            VendorId = vendorId,
        };
        Check(await _users.CreateAsync(user, DemoLogins.Password));
        Check(await _users.AddToRoleAsync(user, login.Role));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data already present; not seeding")]
    private partial void LogSkipped();

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data seeded: {Companies} member companies")]
    private partial void LogSeeded(int companies);

    private sealed record SeededOperator(OperatorOrganisation Operator, Dictionary<string, int> Companies, Dictionary<string, int> Vendors);
}
