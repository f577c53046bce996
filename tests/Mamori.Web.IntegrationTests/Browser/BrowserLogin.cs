using Mamori.Web.Features.Demo;
using Microsoft.Playwright;

namespace Mamori.Web.IntegrationTests.Browser;

/// <summary>Signs in through the login page, as a person does (import with <c>using static</c>).</summary>
public static class BrowserLogin
{
    public static Task LoginAsync(IPage page, DemoLogin login)
    {
        ArgumentNullException.ThrowIfNull(login);
        return LoginAsync(page, login.Email);
    }

    public static async Task LoginAsync(IPage page, string email, string password = DemoLogins.Password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログイン", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
