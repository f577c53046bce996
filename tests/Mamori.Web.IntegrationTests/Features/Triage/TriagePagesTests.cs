using System.Net;
using Mamori.Web.Features.Demo;
using Mamori.Web.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.IntegrationTests.Features.Triage;

/// <summary>The triage pages over the demo data through HTTP: who may open which, and what each shows.</summary>
public sealed class TriagePagesTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData("/alerts")]
    [InlineData("/alerts?State=&p=2")]
    [InlineData("/alerts/suppressions")]
    [InlineData("/incidents")]
    [InlineData("/notices")]
    public async Task AnalystPages_Render(string path)
    {
        using var client = await ClientAsync(DemoLogins.TohokuAnalyst);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
    }

    [Fact]
    public async Task IncidentAndNoticePages_RenderDemoData()
    {
        var factory = await fixture.GetAsync();
        var (incidentId, noticeId) = await factory.QueryAsSystemAsync(async db =>
        {
            var notice = await db.Notices.Where(n => n.IncidentId != null && n.EscalatedAt != null).FirstAsync();
            return (notice.IncidentId!.Value, notice.Id);
        });
        using var client = await ClientAsync(DemoLogins.TohokuAnalyst);
        var incident = await client.GetStringAsync(new Uri($"/incidents/{incidentId}", UriKind.Relative));
        Assert.Contains("data-testid=\"timeline-event\"", incident, StringComparison.Ordinal);
        Assert.Contains("エスカレーション", incident, StringComparison.Ordinal);
        var notice = await client.GetStringAsync(new Uri($"/notices/{noticeId}/edit", UriKind.Relative));
        Assert.Contains("既知の C&amp;C サーバーへの通信", notice, StringComparison.Ordinal);
        var queue = await client.GetStringAsync(new Uri("/alerts", UriKind.Relative));
        Assert.Contains("data-testid=\"escalated-notice\"", queue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemberPortal_OwnOnly_AndNoAnalystPages()
    {
        var factory = await fixture.GetAsync();
        var minato = await factory.CompanyIdAsync("株式会社八戸みなと水産");
        var otherNotice = await factory.QueryAsSystemAsync(db => db.Notices.Where(n => n.CompanyId == minato).Select(n => n.Id).FirstAsync());
        using var client = await ClientAsync(DemoLogins.AobaMember);
        using var portal = await client.GetAsync(new Uri("/portal", UriKind.Relative));
        var body = await portal.Content.ReadAsStringAsync();
        Assert.True(portal.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("data-testid=\"portal-notice\"", body, StringComparison.Ordinal);
        Assert.Contains("今週のアドバイス", body, StringComparison.Ordinal);
        Assert.DoesNotContain("八戸みなと水産", body, StringComparison.Ordinal);

        using var alerts = await client.GetAsync(new Uri("/alerts", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, alerts.StatusCode);
        using var foreign = await client.GetAsync(new Uri($"/portal/notices/{otherNotice}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    private async Task<HttpClient> ClientAsync(DemoLogin login)
    {
        var factory = await fixture.GetAsync();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoginAsync(login.Email, DemoLogins.Password);
        return client;
    }
}
