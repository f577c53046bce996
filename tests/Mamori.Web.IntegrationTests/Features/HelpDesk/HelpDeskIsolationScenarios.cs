using System.Net;
using Mamori.Web.Features.Demo;
using Mamori.Web.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.IntegrationTests.Features.HelpDesk;

/// <summary>
/// Tenant isolation of inquiries, replies, dispatches, visits, policies and claims through the
/// real HTTP stack, run on SQLite and PostgreSQL. The demo month supplies the rows.
/// </summary>
public abstract class HelpDeskIsolationScenarios(AppFixture fixture)
{
    private const string AobaInquiry = "USBメモリの紛失";
    private const string MinatoInquiry = "取引先を名乗る不審なメール";
    private const string Aoba = "株式会社青葉商事";
    private const string Minato = "株式会社八戸みなと水産";

    protected async Task OtherMemberSeesNoneOfAnInquiryAsync()
    {
        var factory = await fixture.GetAsync();
        var id = await factory.QueryAsSystemAsync(db => db.Inquiries.Where(i => i.Subject == AobaInquiry).Select(i => i.Id).SingleAsync());

        using var minato = await SignedInAsync(DemoLogins.MinatoMember);
        var queue = await minato.GetStringAsync(new Uri("/helpdesk", UriKind.Relative));
        Assert.Contains(MinatoInquiry, queue, StringComparison.Ordinal);
        Assert.DoesNotContain(AobaInquiry, queue, StringComparison.Ordinal);
        Assert.DoesNotContain("参加したいのですが", queue, StringComparison.Ordinal); // the unlinked e-mail
        using var detail = await minato.GetAsync(new Uri($"/helpdesk/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);

        using var hokuriku = await SignedInAsync(DemoLogins.HokurikuOperator);
        Assert.DoesNotContain(AobaInquiry, await hokuriku.GetStringAsync(new Uri("/helpdesk", UriKind.Relative)), StringComparison.Ordinal);
        using var hokurikuDetail = await hokuriku.GetAsync(new Uri($"/helpdesk/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, hokurikuDetail.StatusCode);

        using var staff = await SignedInAsync(DemoLogins.TohokuOperator);
        var all = await staff.GetStringAsync(new Uri("/helpdesk", UriKind.Relative));
        Assert.Contains(AobaInquiry, all, StringComparison.Ordinal);
        Assert.Contains("参加したいのですが", all, StringComparison.Ordinal);
    }

    protected async Task VendorsSeeOnlyDispatchesGivenToThemAsync()
    {
        using var michinoku = await SignedInAsync(DemoLogins.MichinokuVendor);
        var own = await michinoku.GetStringAsync(new Uri("/dispatches", UriKind.Relative));
        Assert.Contains("株式会社ほっと仙台ケア", own, StringComparison.Ordinal);      // given to it
        Assert.DoesNotContain("株式会社盛岡精密工業", own, StringComparison.Ordinal);  // given to the Aomori vendor
        Assert.DoesNotContain("仙台中央運送株式会社", own, StringComparison.Ordinal);   // given to the Fukushima vendor

        using var kaga = await SignedInAsync(DemoLogins.HokurikuVendor);
        var other = await kaga.GetStringAsync(new Uri("/dispatches", UriKind.Relative));
        Assert.Contains("data-testid=\"no-dispatches\"", other, StringComparison.Ordinal);
        Assert.DoesNotContain(Aoba, other, StringComparison.Ordinal);

        using var kagaInsurance = await kaga.GetAsync(new Uri("/insurance", UriKind.Relative));
        Assert.Contains(kagaInsurance.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Redirect, HttpStatusCode.Found });
    }

    protected async Task MembersSeeOnlyOwnDispatchesAndPoliciesAsync()
    {
        using var minato = await SignedInAsync(DemoLogins.MinatoMember);
        var dispatches = await minato.GetStringAsync(new Uri("/dispatches", UriKind.Relative));
        Assert.DoesNotContain(Aoba, dispatches, StringComparison.Ordinal);
        Assert.DoesNotContain("株式会社ほっと仙台ケア", dispatches, StringComparison.Ordinal);

        var insurance = await minato.GetStringAsync(new Uri("/insurance", UriKind.Relative));
        Assert.Contains(Minato, insurance, StringComparison.Ordinal);
        Assert.DoesNotContain(Aoba, insurance, StringComparison.Ordinal);
        Assert.DoesNotContain("駆け付け費用(遠隔対応不可)", insurance, StringComparison.Ordinal); // ほっと仙台ケア's claim

        using var staff = await SignedInAsync(DemoLogins.TohokuOperator);
        Assert.Contains("駆け付け費用(遠隔対応不可)", await staff.GetStringAsync(new Uri("/insurance", UriKind.Relative)), StringComparison.Ordinal);
    }

    protected async Task ReportCsvCountsTheDemoMonthForStaffOnlyAsync()
    {
        const string October = "/helpdesk/report?handler=Csv&From=2026-10-01&To=2026-10-31";
        using var staff = await SignedInAsync(DemoLogins.TohokuOperator);
        using var response = await staff.GetAsync(new Uri(October, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("問い合わせ,機器設置,7,2026-10-01/2026-10-31", csv, StringComparison.Ordinal);
        Assert.Contains("問い合わせ,合計,25,", csv, StringComparison.Ordinal);
        Assert.Contains("訪問,インシデント対応,2,", csv, StringComparison.Ordinal);
        Assert.Contains("訪問,合計,5,", csv, StringComparison.Ordinal);

        using var hokuriku = await SignedInAsync(DemoLogins.HokurikuOperator);
        var other = await hokuriku.GetStringAsync(new Uri(October, UriKind.Relative));
        Assert.Contains("問い合わせ,合計,0,", other, StringComparison.Ordinal);

        using var member = await SignedInAsync(DemoLogins.AobaMember);
        using var forbidden = await member.GetAsync(new Uri(October, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(DemoLogin login)
    {
        var factory = await fixture.GetAsync();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoginAsync(login.Email, DemoLogins.Password);
        return client;
    }
}
