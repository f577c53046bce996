using System.Globalization;
using System.Text.RegularExpressions;
using Mamori.Web.Features.Demo;
using Mamori.Web.Tests.TestSupport;
using Microsoft.Playwright;
using static Mamori.Web.IntegrationTests.Browser.BrowserLogin;

namespace Mamori.Web.IntegrationTests.Browser;

/// <summary>Issue 7's browser acceptance: inquiry → reply → SLA; dispatch → accept → visit → confirm → claim; isolation.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class HelpDeskBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task Inquiry_MemberAsksStaffReplies_SlaFirstResponseStops()
    {
        var subject = "ブラウザテストの問い合わせ " + Guid.NewGuid().ToString("N")[..8];
        await using var member = await fixture.NewContextAsync();
        var page = await member.NewPageAsync();
        await LoginAsync(page, DemoLogins.AobaMember);
        await page.GotoAsync("/helpdesk");
        await page.GetByLabel("件名").FillAsync(subject);
        await page.GetByLabel("内容").FillAsync("不審なメールの添付を開いてしまいました。");
        await page.GetByTestId("submit-inquiry").ClickAsync();
        await page.WaitForURLAsync(new Regex("/helpdesk/\\d+$"));
        var inquiryUrl = new Uri(page.Url).AbsolutePath;
        Assert.Contains("計測中", await page.GetByTestId("sla-first").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("新規", await page.GetByTestId("inquiry-status").InnerTextAsync(), StringComparison.Ordinal);

        await using var staff = await fixture.NewContextAsync();
        var staffPage = await staff.NewPageAsync();
        await LoginAsync(staffPage, DemoLogins.TohokuOperator);
        await staffPage.GotoAsync("/helpdesk");
        Assert.Contains(subject, await staffPage.GetByTestId("inquiry-queue").InnerTextAsync(), StringComparison.Ordinal);
        await staffPage.GotoAsync(inquiryUrl);
        await staffPage.GetByLabel("返信").FillAsync("添付を開いたパソコンをネットワークから外してください。");
        await staffPage.GetByTestId("send-reply").ClickAsync();
        await staffPage.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Contains("返信しました", await staffPage.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);

        await page.ReloadAsync();
        Assert.Contains("済", await page.GetByTestId("sla-first").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("対応中", await page.GetByTestId("inquiry-status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("ネットワークから外して", await page.GetByTestId("timeline").InnerTextAsync(), StringComparison.Ordinal);

        // Another member sees none of it.
        await using var other = await fixture.NewContextAsync();
        var otherPage = await other.NewPageAsync();
        await LoginAsync(otherPage, DemoLogins.MinatoMember);
        var response = await otherPage.GotoAsync(inquiryUrl);
        Assert.Equal(404, response!.Status);
        await otherPage.GotoAsync("/helpdesk");
        Assert.DoesNotContain(subject, await otherPage.ContentAsync(), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Dispatch_RequestAcceptVisitConfirm_ClaimFiledRemainingShrinksOtherVendorSeesNothing()
    {
        var reason = "PCが起動しない(ブラウザテスト " + Guid.NewGuid().ToString("N")[..8] + ")";

        // The member's tier-1 remaining limit before.
        await using var member = await fixture.NewContextAsync();
        var memberPage = await member.NewPageAsync();
        await LoginAsync(memberPage, DemoLogins.AobaMember);
        var before = await RemainingTier1Async(memberPage);

        // Staff request a dispatch from one of the member's inquiries.
        await using var staff = await fixture.NewContextAsync();
        var staffPage = await staff.NewPageAsync();
        await LoginAsync(staffPage, DemoLogins.TohokuOperator);
        await staffPage.GotoAsync("/helpdesk");
        await staffPage.GetByRole(AriaRole.Link, new() { Name = "USBメモリの紛失" }).ClickAsync();
        var vendorChoices = await staffPage.GetByTestId("vendor-choice").Locator("option").AllInnerTextsAsync();
        Assert.Contains(vendorChoices, v => v.Contains("株式会社みちのくITサポート", StringComparison.Ordinal));
        Assert.DoesNotContain(vendorChoices, v => v.Contains("あおもりパソコンサービス", StringComparison.Ordinal));
        await staffPage.GetByTestId("vendor-choice").SelectOptionAsync(new SelectOptionValue { Label = vendorChoices.First(v => v.Contains("みちのく", StringComparison.Ordinal)) });
        await staffPage.GetByLabel("依頼内容").FillAsync(reason);
        await staffPage.GetByLabel("遠隔対応不可(保険で支払い)").CheckAsync();
        await staffPage.GetByTestId("request-dispatch").ClickAsync();
        await staffPage.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Contains("駆け付けを依頼しました", await staffPage.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);

        // The vendor accepts in its own portal; a visit ending before it starts is refused.
        await using var vendor = await fixture.NewContextAsync();
        var vendorPage = await vendor.NewPageAsync();
        await LoginAsync(vendorPage, DemoLogins.MichinokuVendor);
        Assert.Contains("駆け付け依頼が", await vendorPage.GetByTestId("open-dispatches").InnerTextAsync(), StringComparison.Ordinal);
        await vendorPage.GotoAsync("/dispatches");
        var card = vendorPage.GetByTestId("dispatch").Filter(new() { HasText = reason });
        await card.GetByTestId("accept-dispatch").ClickAsync();
        await vendorPage.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        card = vendorPage.GetByTestId("dispatch").Filter(new() { HasText = reason });
        await FillVisitAsync(card, "2026-11-24T15:00", "2026-11-24T13:00", "50000");
        Assert.Contains("終了日時が開始日時より前", await vendorPage.GetByTestId("error").InnerTextAsync(), StringComparison.Ordinal);
        card = vendorPage.GetByTestId("dispatch").Filter(new() { HasText = reason });
        Assert.Equal(0, await card.GetByTestId("visit").CountAsync());
        await FillVisitAsync(card, "2026-11-24T13:00", "2026-11-24T15:00", "50000");
        Assert.Contains("訪問記録を保存しました", await vendorPage.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);

        // Another vendor sees none of it.
        await using var otherVendor = await fixture.NewContextAsync();
        var otherPage = await otherVendor.NewPageAsync();
        await LoginAsync(otherPage, DemoLogins.HokurikuVendor);
        await otherPage.GotoAsync("/dispatches");
        var otherHtml = await otherPage.ContentAsync();
        Assert.DoesNotContain(reason, otherHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("株式会社青葉商事", otherHtml, StringComparison.Ordinal);

        // The member confirms; the tier-1 claim is filed and the remaining limit shrinks by the cost.
        await memberPage.GotoAsync("/dispatches");
        await memberPage.GetByTestId("dispatch").Filter(new() { HasText = reason }).GetByTestId("confirm-visit").ClickAsync();
        await memberPage.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Contains("保険金請求を登録しました", await memberPage.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(before - 50_000, await RemainingTier1Async(memberPage));
    }

    [BrowserFact]
    public async Task Inquiry_EmailFromUnknownSender_KeptUnlinkedWithNoticeAndNoMemberSeesIt()
    {
        var subject = "差出人不明のメール " + Guid.NewGuid().ToString("N")[..8];
        await using var staff = await fixture.NewContextAsync();
        var page = await staff.NewPageAsync();
        await LoginAsync(page, DemoLogins.TohokuOperator);
        await page.GotoAsync("/helpdesk/new");
        await page.GetByLabel("受付方法").SelectOptionAsync("Email");
        await page.GetByLabel("電話番号またはメールアドレス").FillAsync("nobody@unknown.example");
        await page.GetByLabel("件名").FillAsync(subject);
        await page.GetByLabel("内容").FillAsync("参加の方法を教えてください。");
        await page.GetByTestId("file-inquiry").ClickAsync();
        await page.WaitForURLAsync(new Regex("/helpdesk/\\d+$"));

        Assert.Contains("紐付けずに登録しました", await page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.GetByTestId("unlinked-notice").IsVisibleAsync());
        var url = new Uri(page.Url).AbsolutePath;

        await using var member = await fixture.NewContextAsync();
        var memberPage = await member.NewPageAsync();
        await LoginAsync(memberPage, DemoLogins.AobaMember);
        Assert.Equal(404, (await memberPage.GotoAsync(url))!.Status);
        await memberPage.GotoAsync("/helpdesk");
        Assert.DoesNotContain(subject, await memberPage.ContentAsync(), StringComparison.Ordinal);
    }

    private static async Task FillVisitAsync(ILocator card, string start, string end, string cost)
    {
        await card.GetByTestId("visit-start").FillAsync(start);
        await card.GetByTestId("visit-end").FillAsync(end);
        await card.GetByTestId("visit-work").FillAsync("OSの起動修復とウイルス検査");
        await card.GetByTestId("visit-cost").FillAsync(cost);
        await card.GetByTestId("record-visit").ClickAsync();
        await card.Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static async Task<long> RemainingTier1Async(IPage page)
    {
        await page.GotoAsync("/insurance");
        var value = await page.Locator("[data-testid=policy][data-cover=OnSiteDispatch] [data-testid=remaining]").GetAttributeAsync("data-yen");
        return long.Parse(value!, CultureInfo.InvariantCulture);
    }
}
