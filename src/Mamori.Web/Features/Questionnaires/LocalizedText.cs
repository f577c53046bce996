using System.Globalization;

namespace Mamori.Web.Features.Questionnaires;

/// <summary>
/// A text shown to people, in Japanese and English. Japanese is the language of the programme
/// (every SME screen is Japanese first); English is offered as well.
/// </summary>
public sealed record LocalizedText(string Ja, string En)
{
    /// <summary>The Japanese text for a <c>ja</c> culture, the English text otherwise.</summary>
    public string Get(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "ja" ? Ja : En;
    }

    /// <summary>Replaces <c>{0}</c>, <c>{1}</c> ... in both languages.</summary>
    public LocalizedText Format(params object[] args) =>
        new(string.Format(CultureInfo.InvariantCulture, Ja, args), string.Format(CultureInfo.InvariantCulture, En, args));

    public override string ToString() => Ja;
}
