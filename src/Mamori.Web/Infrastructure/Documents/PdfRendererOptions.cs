using System.ComponentModel.DataAnnotations;

namespace Mamori.Web.Infrastructure.Documents;

/// <summary>How Mamori drives Chromium to turn its own pages into PDF documents.</summary>
public sealed class PdfRendererOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Mamori:Pdf";

    /// <summary>Chromium binary (Debian package <c>chromium</c>). Mamori never downloads a browser.</summary>
    [Required]
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Longest a single page may take to load and print.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;
}
