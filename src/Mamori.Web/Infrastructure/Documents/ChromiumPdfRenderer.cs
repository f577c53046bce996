using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Mamori.Web.Infrastructure.Documents;

/// <summary>
/// Renders HTML to PDF with headless Chromium through Playwright, so every document Mamori
/// produces (diagnosis results, monthly health reports, letters) is the same page the web shows,
/// printed. One browser process is shared and started on first use; each document gets its own
/// isolated browser context, except script-free HTML documents (monthly reports printed by the
/// hundred), which reuse a few open pages: a new context costs a renderer process per document.
/// </summary>
public sealed class ChromiumPdfRenderer : IPdfRenderer, IAsyncDisposable
{
    // Chromium's background services try to reach Google; this machine (and most sensor
    // servers) has no route out, so they are switched off rather than left to time out.
    private static readonly string[] s_chromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions", "--font-render-hinting=none",
    ];

    private readonly PdfRendererOptions _options;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentBag<IPage>> _idlePages = new(StringComparer.Ordinal);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Creates a renderer; the browser starts on the first document.</summary>
    public ChromiumPdfRenderer(IOptions<PdfRendererOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <inheritdoc />
    public async Task<byte[]> RenderHtmlAsync(string html, PdfPageSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(settings);
        Task Load(IPage page) => page.SetContentAsync(html, new() { WaitUntil = WaitUntilState.Load, Timeout = TimeoutMs });
        return settings.JavaScript || settings.WaitForSelector is not null
            ? await RenderAsync(settings, Load, cancellationToken)
            : await RenderOnPooledPageAsync(settings, Load, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<byte[]> RenderUrlAsync(Uri url, PdfPageSettings settings, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        return await RenderAsync(settings, async page =>
        {
            if (headers is { Count: > 0 })
            {
                await page.SetExtraHTTPHeadersAsync(headers);
            }

            var response = await page.GotoAsync(url.ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle, Timeout = TimeoutMs });
            if (response is null || !response.Ok)
            {
                throw new PdfRenderException($"The page {url.AbsolutePath} answered {(response is null ? "nothing" : response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}; no PDF was made.");
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _startLock.Dispose();
    }

    private float TimeoutMs => _options.TimeoutSeconds * 1000f;

    private async Task<byte[]> RenderAsync(PdfPageSettings settings, Func<IPage, Task> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var browser = await GetBrowserAsync(cancellationToken);
        await using var context = await browser.NewContextAsync(new() { Locale = settings.Locale, JavaScriptEnabled = settings.JavaScript });
        var page = await context.NewPageAsync();
        await load(page);
        if (settings.WaitForSelector is not null)
        {
            await page.WaitForSelectorAsync(settings.WaitForSelector, new() { Timeout = TimeoutMs });
        }

        cancellationToken.ThrowIfCancellationRequested();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        return await page.PdfAsync(PdfOptions(settings));
    }

    /// <summary>
    /// Prints on a page kept open between documents (one context per paper/locale setting, scripts
    /// off, so a document cannot leave anything behind for the next). A page that failed is closed,
    /// not reused.
    /// </summary>
    private async Task<byte[]> RenderOnPooledPageAsync(PdfPageSettings settings, Func<IPage, Task> load, CancellationToken cancellationToken)
    {
        var browser = await GetBrowserAsync(cancellationToken);
        var idle = _idlePages.GetOrAdd(settings.Locale, _ => []);
        if (!idle.TryTake(out var page) || page.IsClosed)
        {
            var context = await browser.NewContextAsync(new() { Locale = settings.Locale, JavaScriptEnabled = false });
            page = await context.NewPageAsync();
        }

        try
        {
            await load(page);
            cancellationToken.ThrowIfCancellationRequested();
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            var pdf = await page.PdfAsync(PdfOptions(settings));
            idle.Add(page);
            return pdf;
        }
        catch
        {
            await CloseQuietlyAsync(page);
            throw;
        }
    }

    private static async Task CloseQuietlyAsync(IPage page)
    {
        try
        {
            await page.Context.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // The browser went away with it; the next document starts a new one.
        }
    }

    private static PagePdfOptions PdfOptions(PdfPageSettings settings) => new()
    {
        Format = settings.Format,
        Landscape = settings.Landscape,
        PrintBackground = true,
        PreferCSSPageSize = true,
        Margin = new() { Top = "12mm", Bottom = "12mm", Left = "12mm", Right = "12mm" },
    };

    private async Task<IBrowser> GetBrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true })
        {
            return _browser;
        }

        await _startLock.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            if (!File.Exists(_options.ChromiumPath))
            {
                throw new PdfRenderException(
                    $"Chromium was not found at {_options.ChromiumPath}. Install it with 'apt-get install chromium fonts-noto-cjk' or set {PdfRendererOptions.SectionName}:ChromiumPath.");
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = _options.ChromiumPath,
                Headless = true,
                Args = s_chromiumArgs,
                Timeout = TimeoutMs,
            });
            return _browser;
        }
        finally
        {
            _startLock.Release();
        }
    }
}
