namespace Mamori.Web.Infrastructure.Documents;

/// <summary>Turns HTML (a string, or one of Mamori's own pages) into a PDF document.</summary>
public interface IPdfRenderer
{
    /// <summary>Renders a complete HTML document. Resources must be inline or absolute URLs.</summary>
    Task<byte[]> RenderHtmlAsync(string html, PdfPageSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Loads a URL (normally Mamori's own print view) and prints it.</summary>
    Task<byte[]> RenderUrlAsync(Uri url, PdfPageSettings settings, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default);
}

/// <summary>Paper and page behaviour for one document.</summary>
public sealed record PdfPageSettings
{
    /// <summary>Japanese A4 portrait, the default for reports sent to SMEs.</summary>
    public static PdfPageSettings A4 { get; } = new();

    /// <summary>Paper format name understood by Chromium ("A4", "A3", "Letter").</summary>
    public string Format { get; init; } = "A4";

    public bool Landscape { get; init; }

    /// <summary>Browser locale (affects number and date formatting in scripts).</summary>
    public string Locale { get; init; } = "ja-JP";

    /// <summary>Charts are drawn by script (ECharts), so scripts run by default.</summary>
    public bool JavaScript { get; init; } = true;

    /// <summary>
    /// A CSS selector that appears when the page has finished drawing (e.g. a chart's
    /// "rendered" marker); null to print as soon as the page has loaded.
    /// </summary>
    public string? WaitForSelector { get; init; }
}

/// <summary>A document could not be produced; the message says why in words an operator can act on.</summary>
public sealed class PdfRenderException : Exception
{
    public PdfRenderException()
    {
    }

    public PdfRenderException(string message)
        : base(message)
    {
    }

    public PdfRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
