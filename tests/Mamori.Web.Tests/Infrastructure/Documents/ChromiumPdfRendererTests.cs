using System.Text;
using Mamori.Web.Infrastructure.Documents;
using Mamori.Web.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Tests.Infrastructure.Documents;

public sealed class ChromiumPdfRendererTests : IAsyncLifetime
{
    private const string Html = """
        <!doctype html>
        <html lang="ja"><head><meta charset="utf-8">
        <style>body { font-family: 'Noto Sans CJK JP', sans-serif; } .grade { font-size: 64px; }</style>
        </head><body>
        <h1>セキュリティ健康診断書</h1>
        <p>総合判定 <span class="grade">A</span> 心配な所は見当たっていません。</p>
        <p>分析対象PC数 12件</p>
        </body></html>
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("mamori-pdf-").FullName;
    private ChromiumPdfRenderer? _renderer;

    private ChromiumPdfRenderer Renderer => _renderer ??= new(Options.Create(new PdfRendererOptions()));

    [RequiresToolsFact(Tools.Chromium, Tools.PdfToText, Tools.PdfFonts, Tools.NotoCjk)]
    public async Task RenderHtmlAsync_JapanesePage_TextIsExtractableAndGlyphsAreEmbedded()
    {
        var pdf = await Renderer.RenderHtmlAsync(Html, PdfPageSettings.A4);
        var path = Path.Combine(_directory, "report.pdf");
        await File.WriteAllBytesAsync(path, pdf);

        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        var text = Encoding.UTF8.GetString(await Tools.RunAsync(Tools.PdfToText, "-layout", path, "-"));
        Assert.Contains("セキュリティ健康診断書", text);
        Assert.Contains("分析対象PC数 12件", text);
        // Chromium embeds the Noto CJK glyphs as unnamed Type 3 fonts; without a CJK font the page
        // would carry only the Latin fallback (DejaVu) and print tofu boxes.
        var fonts = Encoding.UTF8.GetString(await Tools.RunAsync(Tools.PdfFonts, path));
        Assert.True(fonts.Contains("NotoSansCJK", StringComparison.Ordinal) || fonts.Contains("Type 3", StringComparison.Ordinal), fonts);
    }

    [RequiresToolsFact(Tools.Chromium, Tools.PdfToPpm, Tools.NotoCjk)]
    public async Task RenderHtmlAsync_JapanesePage_RasterIsNotBlank()
    {
        var pdf = await Renderer.RenderHtmlAsync(Html, PdfPageSettings.A4);
        var path = Path.Combine(_directory, "page.pdf");
        await File.WriteAllBytesAsync(path, pdf);

        // PPM (P6) is simple enough to read without an image library: header, then RGB bytes.
        var ppm = await Tools.RunAsync(Tools.PdfToPpm, "-r", "40", "-singlefile", path);
        var pixels = PpmPixels(ppm);
        var dark = 0;
        for (var i = 0; i + 2 < pixels.Length; i += 3)
        {
            if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 3 * 128)
            {
                dark++;
            }
        }

        // The heading, the big grade letter and two lines of text: well over a few hundred dark pixels.
        Assert.True(dark > 300, $"only {dark} dark pixels: the page looks blank");
    }

    [Fact]
    public async Task RenderHtmlAsync_ChromiumMissing_ThrowsActionableError()
    {
        await using var renderer = new ChromiumPdfRenderer(Options.Create(new PdfRendererOptions { ChromiumPath = "/nonexistent/chromium" }));
        var error = await Assert.ThrowsAsync<PdfRenderException>(() => renderer.RenderHtmlAsync(Html, PdfPageSettings.A4));
        Assert.Contains("apt-get install chromium", error.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_renderer is not null)
        {
            await _renderer.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static ReadOnlySpan<byte> PpmPixels(byte[] ppm)
    {
        // "P6\n<width> <height>\n<max>\n" then binary pixels.
        var newlines = 0;
        var i = 0;
        while (newlines < 3 && i < ppm.Length)
        {
            if (ppm[i++] == (byte)'\n')
            {
                newlines++;
            }
        }

        return ppm.AsSpan(i);
    }
}
