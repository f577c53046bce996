using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Mamori.Web.Features.Demo;
using Mamori.Web.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.IntegrationTests.Features.Devices;

/// <summary>
/// The inventory through the real HTTP stack on SQLite and PostgreSQL: another member can neither
/// see nor edit a company's devices, and the resolve box answers from the demo's lease change.
/// </summary>
public abstract partial class DevicesIsolationScenarios(AppFixture fixture)
{
    private const string Laptop = "経理の山田さんのノートPC";

    protected async Task OtherMemberCannotSeeOrEditAsync()
    {
        var factory = await fixture.GetAsync();
        var aoba = await factory.CompanyIdAsync("株式会社青葉商事");
        var minato = await factory.CompanyIdAsync("株式会社八戸みなと水産");
        var laptop = await factory.QueryAsSystemAsync(db => db.Devices.Where(d => d.CompanyId == aoba && d.Name == Laptop).Select(d => d.Id).SingleAsync());
        var own = await factory.QueryAsSystemAsync(db => db.Devices.Where(d => d.CompanyId == minato).Select(d => d.Id).FirstAsync());

        using var client = await SignedInAsync(DemoLogins.MinatoMember);
        var list = await client.GetStringAsync(new Uri("/devices", UriKind.Relative));
        Assert.Contains("data-testid=\"device-row\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain(Laptop, list, StringComparison.Ordinal);
        using (var detail = await client.GetAsync(new Uri($"/devices/{laptop}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        }

        // A forged post with a valid token (from its own device's form) changes nothing.
        var form = await client.GetStringAsync(new Uri($"/devices/{own}/edit", UriKind.Relative));
        var token = Token().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "乗っ取り",
            ["Form.Kind"] = "Pc",
            ["__RequestVerificationToken"] = token,
        });
        using (var post = await client.PostAsync(new Uri($"/devices/{laptop}/edit", UriKind.Relative), content))
        {
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        Assert.Equal(Laptop, await factory.QueryAsSystemAsync(db => db.Devices.Where(d => d.Id == laptop).Select(d => d.Name).SingleAsync()));
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync(new Uri($"/devices?handler=Export&companyId={aoba}", UriKind.Relative)));
        Assert.DoesNotContain(Laptop, csv, StringComparison.Ordinal);
        Assert.Contains("株式会社八戸みなと水産", csv, StringComparison.Ordinal);

        using var hokuriku = await SignedInAsync(DemoLogins.HokurikuOperator);
        using (var other = await hokuriku.GetAsync(new Uri($"/devices/{laptop}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        using var staff = await SignedInAsync(DemoLogins.TohokuOperator);
        Assert.Contains(Laptop, await staff.GetStringAsync(new Uri($"/devices?companyId={aoba}", UriKind.Relative)), StringComparison.Ordinal);
    }

    protected async Task ResolveBoxFollowsTheLeaseChangeAsync()
    {
        using var client = await SignedInAsync(DemoLogins.AobaMember);
        var before = await client.GetStringAsync(new Uri("/devices?Ip=192.168.9.11&At=2026-10-15T10:00", UriKind.Relative));
        var after = await client.GetStringAsync(new Uri("/devices?Ip=192.168.9.11&At=2026-10-25T10:00", UriKind.Relative));
        var never = await client.GetStringAsync(new Uri("/devices?Ip=192.168.9.250&At=2026-10-25T10:00", UriKind.Relative));
        Assert.Contains(Laptop, Result(before), StringComparison.Ordinal);
        Assert.Contains("ランダムMAC 5e:22:01", Result(after), StringComparison.Ordinal);
        Assert.Contains("記録にありません", Result(never), StringComparison.Ordinal);
    }

    private static string Result(string html)
    {
        var start = html.IndexOf("id=\"resolve-result\"", StringComparison.Ordinal);
        return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    private async Task<HttpClient> SignedInAsync(DemoLogin login)
    {
        var factory = await fixture.GetAsync();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoginAsync(login.Email, DemoLogins.Password);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
