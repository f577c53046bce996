using System.Text.RegularExpressions;
using Mamori.Web.Features.Demo;
using Mamori.Web.Tests.TestSupport;
using Microsoft.Playwright;
using static Mamori.Web.IntegrationTests.Browser.BrowserLogin;

namespace Mamori.Web.IntegrationTests.Browser;

/// <summary>Issue 6's inventory in a browser: list → detail (IP history) → edit with a bad and a good save; resolve box; isolation.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DevicesBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task Inventory_MemberListsOpensEditsAndResolves_OtherMemberGets404()
    {
        await using var member = await fixture.NewContextAsync();
        var page = await member.NewPageAsync();
        await LoginAsync(page, DemoLogins.AobaMember);
        await page.GetByTestId("nav-devices").ClickAsync();
        await page.WaitForURLAsync(new Regex("/devices$"));
        var table = await page.GetByTestId("device-table").InnerTextAsync();
        Assert.Contains("ランダムMAC", table, StringComparison.Ordinal);
        Assert.DoesNotContain("株式会社八戸みなと水産", await page.ContentAsync(), StringComparison.Ordinal);

        // Search narrows the list through htmx.
        await page.GetByPlaceholder("検索(名前・IP・MAC・使う人など)").FillAsync("山田");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=device-row]').length === 1");

        await page.GetByTestId("device-link").Filter(new() { HasText = "経理の山田さんのノートPC" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/devices/\\d+$"));
        var deviceUrl = new Uri(page.Url).AbsolutePath;
        Assert.Contains("経理の山田さんのノートPC", await page.GetByTestId("device-title").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("(FMV-A123)", await page.GetByTestId("device-title").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.GetByTestId("ip-period").CountAsync());
        var history = await page.GetByTestId("ip-history").InnerTextAsync();
        Assert.Contains("192.168.9.31", history, StringComparison.Ordinal);
        Assert.Contains("192.168.9.11", history, StringComparison.Ordinal);

        // A blank name is refused with the reason next to the field; nothing is saved.
        await page.GetByTestId("edit-device").ClickAsync();
        await page.GetByLabel("名前").FillAsync("");
        await page.GetByLabel("設置場所").FillAsync("3階 経理室");
        await page.GetByTestId("save-device").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Contains("名前を入力してください", await page.GetByTestId("field-error-Name").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByLabel("名前").FillAsync("経理の山田さんのノートPC");
        await page.GetByTestId("save-device").ClickAsync();
        await page.WaitForURLAsync(new Regex("/devices/\\d+$"));
        Assert.Contains("保存しました", await page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("3階 経理室", (await page.GetByTestId("device-location").InnerTextAsync()).Trim());

        // Which device had the old address before and after the lease moved (20 October 09:00)?
        await page.GotoAsync("/devices");
        await page.GetByLabel("IPアドレス").FillAsync("192.168.9.11");
        await page.GetByLabel("日時").FillAsync("2026-10-15T10:00");
        await page.GetByTestId("resolve-submit").ClickAsync();
        await page.GetByTestId("resolve-result").Filter(new() { HasText = "経理の山田さんのノートPC" }).WaitForAsync();
        await page.GetByLabel("日時").FillAsync("2026-10-25T10:00");
        await page.GetByTestId("resolve-submit").ClickAsync();
        await page.GetByTestId("resolve-result").Filter(new() { HasText = "ランダムMAC" }).WaitForAsync();

        await using var other = await fixture.NewContextAsync();
        var otherPage = await other.NewPageAsync();
        await LoginAsync(otherPage, DemoLogins.MinatoMember);
        Assert.Equal(404, (await otherPage.GotoAsync(deviceUrl))!.Status);
        Assert.Equal(404, (await otherPage.GotoAsync(deviceUrl + "/edit"))!.Status);
        await otherPage.GotoAsync("/devices");
        Assert.DoesNotContain("経理の山田さん", await otherPage.ContentAsync(), StringComparison.Ordinal);
    }
}
