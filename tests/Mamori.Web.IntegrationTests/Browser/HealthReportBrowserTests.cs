using System.Text;
using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Demo;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Tenancy;
using Mamori.Web.Tests.Features.HealthReports;
using Mamori.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Mamori.Web.IntegrationTests.Browser.BrowserLogin;

namespace Mamori.Web.IntegrationTests.Browser;

/// <summary>
/// Issue 9's browser acceptance: after a month of data for two companies (one clean, one with an
/// open high-severity incident and a password sent in clear), the operator generates their reports
/// from the page and watches the progress; the reports show A and D with the right items marked;
/// the PDF (real Chromium, checked with pdftotext) has the grade and the counts; a member
/// downloads its own report and gets 404 for the other company's.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class HealthReportBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Clean = "株式会社すこやか工業";
    private const string Trouble = "株式会社あやうい運輸";
    private const string MemberEmail = "member@sukoyaka-kogyo.example";

    [BrowserFact]
    public async Task HealthReport_CleanAndTroubledCompany_GradesItemsPdfAndMemberAccess()
    {
        var (cleanId, troubleId) = await SeedMonthAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await LoginAsync(page, DemoLogins.TohokuOperator.Email);

        foreach (var companyId in new[] { cleanId, troubleId })
        {
            await page.GotoAsync("/health-reports/generate");
            await page.Locator("#month").FillAsync("2026-11");
            await page.Locator("#company").SelectOptionAsync(companyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "作成を始める" }).ClickAsync();
            await page.WaitForURLAsync("**/health-reports/runs/*");
            // htmx replaces the fragment every two seconds until every item is done.
            await page.Locator("[data-testid=run-progress][data-finished='1']").WaitForAsync(new() { Timeout = 120_000 });
            Assert.Equal("1 / 1 社 完了", await page.GetByTestId("progress-text").InnerTextAsync());
            Assert.Equal(0, await page.GetByTestId("failures").CountAsync());
        }

        var cleanReport = await ReportIdAsync(cleanId);
        var troubleReport = await ReportIdAsync(troubleId);

        await page.GotoAsync($"/health-reports/{cleanReport}");
        Assert.Equal("A", await page.GetByTestId("grade").InnerTextAsync());
        Assert.Equal("心配な所は見当たっていません。", await page.GetByTestId("grade-explanation").InnerTextAsync());
        Assert.Equal(0, await page.Locator("[data-item][data-detected='1']").CountAsync());
        Assert.Equal(6, await page.Locator("[data-item][data-detected='0']").CountAsync());

        await page.GotoAsync($"/health-reports/{troubleReport}");
        Assert.Equal("D", await page.GetByTestId("grade").InnerTextAsync());
        var detected = await page.Locator("[data-item][data-detected='1']").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.item)");
        Assert.Equal(["SuspiciousTraffic", "UndesirableOperation"], detected);
        Assert.Contains("C&Cサーバーとの通信", await page.GetByTestId("incidents").InnerTextAsync(), StringComparison.Ordinal);

        var text = await PdfTextAsync(context, troubleReport);
        Assert.Contains(Trouble, text, StringComparison.Ordinal);
        Assert.Contains("問題あり(要対策)", text, StringComparison.Ordinal);
        Assert.Contains("30,000件", text, StringComparison.Ordinal);   // traffic events
        Assert.Contains("60件", text, StringComparison.Ordinal);       // security events
        Assert.Contains("不審な通信", text, StringComparison.Ordinal);
        Assert.Contains("不検出", text, StringComparison.Ordinal);

        // The member of the clean company: its own report, never the other's.
        await using var memberContext = await fixture.NewContextAsync();
        var memberPage = await memberContext.NewPageAsync();
        await LoginAsync(memberPage, MemberEmail);
        await memberPage.GotoAsync("/health-reports");
        var listed = await memberPage.Locator("[data-report-id]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.reportId)");
        Assert.Equal([cleanReport.ToString(System.Globalization.CultureInfo.InvariantCulture)], listed);
        var own = await PdfTextAsync(memberContext, cleanReport);
        Assert.Contains(Clean, own, StringComparison.Ordinal);
        Assert.Contains("良好", own, StringComparison.Ordinal);
        var other = await memberContext.APIRequest.GetAsync($"/health-reports/{troubleReport}?handler=Pdf");
        Assert.Equal(404, other.Status);
    }

    private async Task<(int Clean, int Trouble)> SeedMonthAsync()
    {
        var services = await fixture.ServicesAsync();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var operatorId = await db.Operators.Where(o => o.Name.Contains("東北")).Select(o => o.Id).SingleAsync();

        var clean = await HealthReportTestData.CreateCompanyAsync(db, operatorId, Clean);
        clean.AddDailyCounters(clean.SensorA, 2026, 11, Enumerable.Range(1, 30), traffic: 1_000, security: 2, devices: 8);
        await clean.SaveAsync();

        var trouble = await HealthReportTestData.CreateCompanyAsync(db, operatorId, Trouble, Mamori.Web.Features.Companies.Industry.TransportPostal);
        trouble.AddDailyCounters(trouble.SensorA, 2026, 11, Enumerable.Range(1, 30), traffic: 1_000, security: 2, devices: 8);
        var incident = trouble.AddIncident(AlertType.KnownC2, AlertSeverity.High, IncidentState.Notified,
            new DateTimeOffset(2026, 11, 10, 14, 0, 0, HealthReportTestData.Japan), title: "C&Cサーバーとの通信");
        await trouble.SaveAsync();
        trouble.AddAlert(AlertType.KnownC2, new DateTimeOffset(2026, 11, 10, 13, 55, 0, HealthReportTestData.Japan), Mamori.Web.Features.Alerts.AlertState.InIncident, incident.Id, AlertSeverity.High);
        trouble.AddAlert(AlertType.PlaintextPassword, new DateTimeOffset(2026, 11, 12, 9, 0, 0, HealthReportTestData.Japan));
        trouble.AddNotice("不審な通信が見つかりました", new DateTimeOffset(2026, 11, 10, 15, 0, 0, HealthReportTestData.Japan), incident.Id);
        await trouble.SaveAsync();

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var member = new ApplicationUser { UserName = MemberEmail, Email = MemberEmail, EmailConfirmed = true, DisplayName = "健康 花子", OperatorId = operatorId, CompanyId = clean.CompanyId };
        Assert.True((await users.CreateAsync(member, DemoLogins.Password)).Succeeded);
        await users.AddToRoleAsync(member, Roles.Member);
        return (clean.CompanyId, trouble.CompanyId);
    }

    private async Task<int> ReportIdAsync(int companyId)
    {
        var services = await fixture.ServicesAsync();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<Mamori.Web.Features.HealthReports.HealthReport>().Where(r => r.CompanyId == companyId).Select(r => r.Id).SingleAsync();
    }

    private static async Task<string> PdfTextAsync(IBrowserContext context, int reportId)
    {
        var response = await context.APIRequest.GetAsync($"/health-reports/{reportId}?handler=Pdf", new() { Timeout = 120_000 });
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        var file = Path.Combine(Path.GetTempPath(), $"mamori-health-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await response.BodyAsync());
        try
        {
            return Encoding.UTF8.GetString(await Tools.RunAsync(Tools.PdfToText, "-layout", file, "-"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
