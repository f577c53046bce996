using System.Globalization;
using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Features.Diagnosis.Pages;

/// <summary>Page texts of the diagnosis, in Japanese and English like its content.</summary>
internal static class DiagnosisText
{
    public static string L(string ja, string en) => new LocalizedText(ja, en).Get(CultureInfo.CurrentUICulture);

    public static string L(LocalizedText? text) => text?.Get(CultureInfo.CurrentUICulture) ?? string.Empty;

    public static string Score(double? value) => value is double v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "—";
}
