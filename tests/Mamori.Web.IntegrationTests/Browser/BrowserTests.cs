using Mamori.Web.Features.Demo;
using Mamori.Web.Tests.TestSupport;
using Microsoft.Playwright;
using static Mamori.Web.IntegrationTests.Browser.BrowserLogin;

namespace Mamori.Web.IntegrationTests.Browser;

/// <summary>Issue 2's browser acceptance: each role's home, the login messages, lockout, isolation.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public Task Login_Operator_SeesOperatorHomeWithProgramme() =>
        AssertHomeAsync(DemoLogins.TohokuOperator, "/operator", "事務局ホーム");

    [BrowserFact]
    public Task Login_Analyst_SeesAnalystHome() =>
        AssertHomeAsync(DemoLogins.TohokuAnalyst, "/analyst", "アナリストホーム");

    [BrowserFact]
    public Task Login_Advisor_SeesAdvisorHome() =>
        AssertHomeAsync(DemoLogins.TohokuAdvisor, "/advisor", "アドバイザーホーム");

    [BrowserFact]
    public Task Login_Member_SeesOwnCompany() =>
        AssertHomeAsync(DemoLogins.AobaMember, "/my-company", "株式会社青葉商事");

    [BrowserFact]
    public Task Login_Vendor_SeesVendorHome() =>
        AssertHomeAsync(DemoLogins.MichinokuVendor, "/vendor", "株式会社みちのくITサポート");

    [BrowserFact]
    public async Task Login_WrongPassword_ShowsClearMessage()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await LoginAsync(page, DemoLogins.MinatoMember.Email, "not-the-password-1");

        var error = page.GetByTestId("login-error");
        Assert.Contains("パスワードが違います", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.EndsWith("/account/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Login_FiveWrongPasswords_LocksAccountEvenForRightPassword()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await LoginAsync(page, BrowserFixture.LockoutEmail, "wrong-password-" + attempt);
            Assert.Contains("パスワードが違います", await page.GetByTestId("login-error").InnerTextAsync(), StringComparison.Ordinal);
        }

        await LoginAsync(page, BrowserFixture.LockoutEmail, "wrong-password-5");
        Assert.Contains("ロックされています", await page.GetByTestId("login-error").InnerTextAsync(), StringComparison.Ordinal);

        await LoginAsync(page, BrowserFixture.LockoutEmail, DemoLogins.Password);
        Assert.Contains("ロックされています", await page.GetByTestId("login-error").InnerTextAsync(), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task CompanyPage_MemberOfOtherCompany_ForbiddenOrNotFound()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        // Find company B's address as its operator sees it, then try it as a member of company A.
        await LoginAsync(page, DemoLogins.TohokuOperator.Email, DemoLogins.Password);
        await page.GotoAsync("/companies");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "株式会社八戸みなと水産" });
        var companyB = await link.GetAttributeAsync("href") ?? throw new InvalidOperationException("no link to company B");
        await context.ClearCookiesAsync();

        await LoginAsync(page, DemoLogins.AobaMember.Email, DemoLogins.Password);
        var pageResponse = await page.GotoAsync(companyB);
        Assert.True(pageResponse!.Status is 403 or 404, $"company B's page gave {pageResponse.Status}");
        Assert.DoesNotContain("株式会社八戸みなと水産", await page.ContentAsync(), StringComparison.Ordinal);

        var apiResponse = await page.GotoAsync("/api" + companyB);
        Assert.True(apiResponse!.Status is 403 or 404, $"company B's API gave {apiResponse.Status}");
    }

    [BrowserFact]
    public async Task LanguageSwitch_English_ShowsEnglishLogin()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        Assert.Equal("ログイン", await page.Locator("h1").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        Assert.Equal("Sign in", await page.Locator("h1").InnerTextAsync());
    }

    [BrowserFact]
    public async Task Login_OnPhoneWithoutJavaScript_WorksAndShowsHome()
    {
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        await LoginAsync(page, DemoLogins.MinatoMember.Email, DemoLogins.Password);

        Assert.EndsWith("/my-company", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("株式会社八戸みなと水産", await page.GetByTestId("company-name").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" }).IsVisibleAsync());
    }

    private async Task AssertHomeAsync(DemoLogin login, string homePath, string expectedText)
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await LoginAsync(page, login.Email, DemoLogins.Password);

        Assert.Equal(homePath, new Uri(page.Url).AbsolutePath);
        Assert.Contains(expectedText, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(login.DisplayName, await page.GetByTestId("user-name").InnerTextAsync(), StringComparison.Ordinal);
    }
}
