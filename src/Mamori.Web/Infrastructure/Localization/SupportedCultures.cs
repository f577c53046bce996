namespace Mamori.Web.Infrastructure.Localization;

/// <summary>Japanese is the default; English is the one alternative.</summary>
public static class SupportedCultures
{
    public const string Japanese = "ja";
    public const string English = "en";
}
