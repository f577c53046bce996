using System.Net;
using System.Text.Json;
using Mamori.Web.Data;
using Mamori.Web.Features.Demo;
using Mamori.Web.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.IntegrationTests.Features.Tenancy;

/// <summary>
/// Tenant isolation through the real HTTP stack, for every tenant-owned entity type, run by
/// <see cref="SqliteTenantIsolationTests"/> and <see cref="PostgresTenantIsolationTests"/>.
/// The demo programme supplies two operators (Tohoku, Hokuriku), members and vendors.
/// </summary>
public abstract class TenantIsolationScenarios(AppFixture fixture)
{
    private const string Tohoku = "一般社団法人 東北サイバー安全推進機構";
    private const string Hokuriku = "北陸中小企業セキュリティ支援協議会";
    private const string Aoba = "株式会社青葉商事";
    private const string Minato = "株式会社八戸みなと水産";
    private const string Michinoku = "株式会社みちのくITサポート";

    private static readonly string[] s_companyOwnedPaths = ["contacts", "sites", "sensors", "devices"];
    private static readonly string[] s_operatorOwnedPaths = ["soc-providers", "insurers", "vendors"];

    protected async Task MemberSeesOwnCompanyPageAsync()
    {
        using var client = await SignedInAsync(DemoLogins.AobaMember);
        var html = await client.GetStringAsync(new Uri("/my-company", UriKind.Relative));
        Assert.Contains(Aoba, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Minato, html, StringComparison.Ordinal);
    }

    protected async Task MemberGetsForbiddenOrNotFoundOnOtherCompanyPageAsync()
    {
        var factory = await fixture.GetAsync();
        var other = await factory.CompanyIdAsync(Minato);
        using var client = await SignedInAsync(DemoLogins.AobaMember);

        using var page = await client.GetAsync(new Uri($"/companies/{other}", UriKind.Relative));
        Assert.Contains(page.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.DoesNotContain(Minato, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var list = await client.GetAsync(new Uri("/companies", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    protected async Task MemberApiReturnsOnlyOwnCompanyRowsAsync()
    {
        var factory = await fixture.GetAsync();
        var own = await factory.CompanyIdAsync(Aoba);
        var tohoku = await OperatorIdAsync(Tohoku);
        using var client = await SignedInAsync(DemoLogins.AobaMember);

        var companies = await GetRowsAsync(client, "companies");
        Assert.Equal([own], companies.Select(r => r.GetProperty("id").GetInt32()));

        foreach (var path in s_companyOwnedPaths)
        {
            var rows = await GetRowsAsync(client, path);
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal(own, r.GetProperty("companyId").GetInt32()));
        }

        foreach (var path in s_operatorOwnedPaths)
        {
            var rows = await GetRowsAsync(client, path);
            Assert.All(rows, r => Assert.Equal(tohoku, r.GetProperty("operatorId").GetInt32()));
        }

        Assert.Equal([tohoku], (await GetRowsAsync(client, "operators")).Select(r => r.GetProperty("id").GetInt32()));
    }

    protected async Task MemberApiByIdOfOtherCompanyRowsIsNotFoundAsync()
    {
        var factory = await fixture.GetAsync();
        var other = await factory.CompanyIdAsync(Minato);
        var rows = await factory.QueryAsSystemAsync(async db => new Dictionary<string, int>
        {
            ["companies"] = other,
            ["contacts"] = await db.CompanyContacts.Where(x => x.CompanyId == other).Select(x => x.Id).FirstAsync(),
            ["sites"] = await db.Sites.Where(x => x.CompanyId == other).Select(x => x.Id).FirstAsync(),
            ["sensors"] = await db.Sensors.Where(x => x.CompanyId == other).Select(x => x.Id).FirstAsync(),
            ["devices"] = await db.Devices.Where(x => x.CompanyId == other).Select(x => x.Id).FirstAsync(),
        });
        using var client = await SignedInAsync(DemoLogins.AobaMember);

        foreach (var (path, id) in rows)
        {
            using var response = await client.GetAsync(new Uri($"/api/{path}/{id}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"/api/{path}/{id} gave {(int)response.StatusCode}");
        }
    }

    protected async Task OperatorSeesNoRowOfAnotherOperatorAsync()
    {
        var factory = await fixture.GetAsync();
        var tohoku = await OperatorIdAsync(Tohoku);
        var tohokuCompanies = await factory.QueryAsSystemAsync(db => db.Companies.Where(c => c.OperatorId == tohoku).Select(c => c.Id).ToListAsync());
        using var client = await SignedInAsync(DemoLogins.TohokuOperator);

        var companies = await GetRowsAsync(client, "companies");
        Assert.Equal(20, companies.Count);
        Assert.All(companies, r => Assert.Equal(tohoku, r.GetProperty("operatorId").GetInt32()));
        foreach (var path in s_companyOwnedPaths)
        {
            var rows = await GetRowsAsync(client, path);
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Contains(r.GetProperty("companyId").GetInt32(), tohokuCompanies));
        }

        foreach (var path in s_operatorOwnedPaths)
        {
            var rows = await GetRowsAsync(client, path);
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal(tohoku, r.GetProperty("operatorId").GetInt32()));
        }

        Assert.Equal([tohoku], (await GetRowsAsync(client, "operators")).Select(r => r.GetProperty("id").GetInt32()));
    }

    protected async Task OperatorGetsNotFoundForAnotherOperatorsRowsAsync()
    {
        var factory = await fixture.GetAsync();
        var hokuriku = await OperatorIdAsync(Hokuriku);
        var rows = await factory.QueryAsSystemAsync(async db => new Dictionary<string, int>
        {
            ["operators"] = hokuriku,
            ["soc-providers"] = await db.SocProviders.Where(x => x.OperatorId == hokuriku).Select(x => x.Id).FirstAsync(),
            ["insurers"] = await db.Insurers.Where(x => x.OperatorId == hokuriku).Select(x => x.Id).FirstAsync(),
            ["vendors"] = await db.Vendors.Where(x => x.OperatorId == hokuriku).Select(x => x.Id).FirstAsync(),
            ["companies"] = await db.Companies.Where(x => x.OperatorId == hokuriku).Select(x => x.Id).FirstAsync(),
            ["contacts"] = await db.CompanyContacts.Where(x => x.OperatorId == hokuriku).Select(x => x.Id).FirstAsync(),
            ["sites"] = await db.Sites.Where(x => x.OperatorId == hokuriku).Select(x => x.Id).FirstAsync(),
            ["sensors"] = await db.Sensors.Where(x => x.OperatorId == hokuriku).Select(x => x.Id).FirstAsync(),
            ["devices"] = await db.Devices.Where(x => x.OperatorId == hokuriku).Select(x => x.Id).FirstAsync(),
        });
        using var client = await SignedInAsync(DemoLogins.TohokuOperator);

        foreach (var (path, id) in rows)
        {
            using var response = await client.GetAsync(new Uri($"/api/{path}/{id}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"/api/{path}/{id} gave {(int)response.StatusCode}");
        }

        using var page = await client.GetAsync(new Uri($"/companies/{rows["companies"]}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    protected async Task VendorSeesOnlyItsOwnRecordAsync()
    {
        var factory = await fixture.GetAsync();
        var own = await factory.QueryAsSystemAsync(db => db.Vendors.Where(v => v.Name == Michinoku).Select(v => v.Id).SingleAsync());
        var sameOperatorOther = await factory.QueryAsSystemAsync(db =>
            db.Vendors.Where(v => v.Name != Michinoku && v.OperatorId == db.Vendors.Where(x => x.Id == own).Select(x => x.OperatorId).First()).Select(v => v.Id).FirstAsync());
        var company = await factory.CompanyIdAsync(Aoba);
        using var client = await SignedInAsync(DemoLogins.MichinokuVendor);

        Assert.Equal([own], (await GetRowsAsync(client, "vendors")).Select(r => r.GetProperty("id").GetInt32()));
        Assert.Empty(await GetRowsAsync(client, "companies"));
        foreach (var path in s_companyOwnedPaths)
        {
            Assert.Empty(await GetRowsAsync(client, path));
        }

        using var otherVendor = await client.GetAsync(new Uri($"/api/vendors/{sameOperatorOther}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, otherVendor.StatusCode);
        using var companyApi = await client.GetAsync(new Uri($"/api/companies/{company}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, companyApi.StatusCode);
        using var companyPage = await client.GetAsync(new Uri($"/companies/{company}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, companyPage.StatusCode);

        var home = await client.GetStringAsync(new Uri("/vendor", UriKind.Relative));
        Assert.Contains(Michinoku, home, StringComparison.Ordinal);
    }

    protected async Task AnonymousGetsUnauthorizedOrLoginAsync()
    {
        var factory = await fixture.GetAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var api = await client.GetAsync(new Uri("/api/companies", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        using var page = await client.GetAsync(new Uri("/companies", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location?.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<int> OperatorIdAsync(string name)
    {
        var factory = await fixture.GetAsync();
        return await factory.QueryAsSystemAsync(db => db.Operators.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());
    }

    private async Task<HttpClient> SignedInAsync(DemoLogin login)
    {
        var factory = await fixture.GetAsync();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoginAsync(login.Email, DemoLogins.Password);
        return client;
    }

    private static async Task<List<JsonElement>> GetRowsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri("/api/" + path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/api/{path} gave {(int)response.StatusCode}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
