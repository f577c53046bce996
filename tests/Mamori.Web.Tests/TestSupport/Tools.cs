using System.Diagnostics;

namespace Mamori.Web.Tests.TestSupport;

/// <summary>Paths of the Debian tools tests use, and a bounded way to run them.</summary>
internal static class Tools
{
    public const string Chromium = "/usr/bin/chromium";
    public const string PdfToText = "/usr/bin/pdftotext";
    public const string PdfToPpm = "/usr/bin/pdftoppm";
    public const string PdfFonts = "/usr/bin/pdffonts";
    public const string NotoCjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

    /// <summary>Runs a program to completion (at most a minute) and returns its standard output.</summary>
    public static async Task<byte[]> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        using var output = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        await copy;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited {process.ExitCode}: {await error}");
        }

        return output.ToArray();
    }
}
