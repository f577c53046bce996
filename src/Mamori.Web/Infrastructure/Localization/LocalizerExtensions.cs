using System.Globalization;
using Mamori.Web.Features.Regions;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Infrastructure.Localization;

public static class LocalizerExtensions
{
    public static bool IsJapanese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja";

    /// <summary>An enum value's label: the resource <c>TypeName.Value</c>, e.g. <c>Industry.Manufacturing</c>.</summary>
    public static string Label<TEnum>(this IStringLocalizer localizer, TEnum value)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[$"{typeof(TEnum).Name}.{value}"];
    }

    public static string Label(this IStringLocalizer localizer, Prefecture prefecture) => prefecture.DisplayName(IsJapanese);
}
