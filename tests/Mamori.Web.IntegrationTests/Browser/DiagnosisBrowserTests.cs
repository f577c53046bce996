using System.Text;
using Mamori.Web.Features.Demo;
using Mamori.Web.Tests.TestSupport;
using Microsoft.Playwright;
using static Mamori.Web.IntegrationTests.Browser.BrowserLogin;

namespace Mamori.Web.IntegrationTests.Browser;

/// <summary>
/// Issue 8's browser acceptance: an advisor runs a diagnosis for 青葉商事 in remote-hearing
/// mode, the company's member sees the result and downloads the one-page PDF, which holds the
/// scores, the industry average (or the "too few" note) and the countermeasures in Japanese.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DiagnosisBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Aoba = "株式会社青葉商事";

    // Picks the third option of every choice (mostly "not done", so there are weak points),
    // a number and a URL for free text: a complete, valid set of answers for one section.
    private const string FillSectionScript = """
        () => {
          document.querySelectorAll('fieldset[data-question]').forEach(fs => {
            const radios = fs.querySelectorAll('input[type=radio]');
            if (radios.length) { radios[Math.min(2, radios.length - 1)].checked = true; }
            const boxes = fs.querySelectorAll('input[type=checkbox]');
            if (boxes.length) { boxes[0].checked = true; }
            fs.querySelectorAll('input[inputmode=numeric]').forEach(i => i.value = '3');
            fs.querySelectorAll('textarea').forEach(t => t.value = 'https://aoba-shoji.example/policy');
            fs.querySelectorAll('input[name$=".other"]').forEach(i => i.value = 'その他の情報');
          });
        }
        """;

    [BrowserFact]
    public async Task Diagnosis_AdvisorRemoteHearingThenMemberDownloadsPdf_PdfHasScoresAverageAndCountermeasures()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await LoginAsync(page, DemoLogins.TohokuAdvisor.Email);
        await page.GotoAsync("/companies");
        var companyHref = await page.GetByRole(AriaRole.Link, new() { Name = Aoba }).GetAttributeAsync("href") ?? throw new InvalidOperationException("no link to the company");
        var companyId = companyHref.Split('/')[^1];
        await page.GotoAsync($"/diagnosis/company/{companyId}");
        await page.GetByTestId("start-diagnosis").ClickAsync();
        await page.WaitForURLAsync("**/fill");

        // Bad input first: letters in a number field are refused with a message and nothing is saved.
        var fillUrl = page.Url;
        for (var guard = 0; guard < 40; guard++)
        {
            await page.EvaluateAsync(FillSectionScript);
            var submit = page.GetByTestId("submit");
            if (await submit.CountAsync() > 0)
            {
                await submit.ClickAsync();
                break;
            }

            if (await page.GetByTestId("next").CountAsync() == 0)
            {
                Assert.Fail("no next button on " + page.Url + ": " + await page.Locator("body").InnerTextAsync());
            }

            await page.GetByTestId("next").ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            Assert.Equal(0, await page.GetByTestId("form-errors").CountAsync());
        }

        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        if (await page.GetByTestId("form-errors").CountAsync() > 0)
        {
            var messages = await page.Locator("[data-testid^=error-]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.testid + ': ' + e.innerText)");
            Assert.Fail("submission refused: " + string.Join("; ", messages));
        }

        await page.WaitForURLAsync(url => !url.Contains("/fill", StringComparison.Ordinal));
        var resultPath = new Uri(page.Url).AbsolutePath;
        Assert.Contains(Aoba, await page.GetByTestId("company-name").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("リモートヒアリング", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.NotNull(fillUrl);
        await context.ClearCookiesAsync();

        // The member sees its own result, with the chart drawn, and downloads the PDF.
        await LoginAsync(page, DemoLogins.AobaMember.Email);
        await page.GotoAsync(resultPath);
        await page.WaitForSelectorAsync("body[data-charts-rendered='1']");
        var main = await page.Locator("main").InnerTextAsync();
        var firstMeasure = (await page.GetByTestId("countermeasures").Locator("li strong").First.InnerTextAsync()).Trim();
        Assert.Contains("偏差値", main, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(firstMeasure));

        var response = await context.APIRequest.GetAsync(resultPath + "?handler=pdf", new() { Timeout = 120_000 });
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        var pdf = await response.BodyAsync();
        var file = Path.Combine(Path.GetTempPath(), $"mamori-diagnosis-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var text = Encoding.UTF8.GetString(await Tools.RunAsync(Tools.PdfToText, "-layout", file, "-"));
            var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Count(p => !string.IsNullOrWhiteSpace(p));
            Assert.Equal(1, pages);
            Assert.Contains(Aoba, text, StringComparison.Ordinal);
            Assert.Contains("分野ごとの点数", text, StringComparison.Ordinal);
            Assert.Contains("同じ業種の平均", text, StringComparison.Ordinal);
            // Wholesale/retail has five or more companies in the demo (two members, three imported
            // peers), so its average shows with the count; a category nobody else scored would say "too few".
            Assert.Matches(@"\d+(\.\d)?(\s*)(\d+社)", text);
            Assert.Contains(firstMeasure[..Math.Min(8, firstMeasure.Length)], text, StringComparison.Ordinal);

            // Rendered to an image, the page is not blank: a good share of pixels are not white.
            var png = Path.ChangeExtension(file, null);
            await Tools.RunAsync(Tools.PdfToPpm, "-r", "40", "-gray", "-singlefile", file, png);
            var pgm = await File.ReadAllBytesAsync(png + ".pgm");
            var dark = pgm.Skip(pgm.Length / 10).Count(b => b < 200);
            Assert.True(dark > pgm.Length / 100, $"only {dark} dark pixels of {pgm.Length}");
            File.Delete(png + ".pgm");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
