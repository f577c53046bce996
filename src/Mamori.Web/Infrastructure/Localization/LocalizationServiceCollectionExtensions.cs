using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Microsoft.Extensions.DependencyInjection;

public static class LocalizationServiceCollectionExtensions
{
    public const string Japanese = "ja";
    public const string English = "en";

    /// <summary>Japanese by default; English when the user picks it (a cookie remembers the choice).</summary>
    public static IHostApplicationBuilder AddMamoriLocalization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            CultureInfo[] cultures = [new(Japanese), new(English)];
            options.DefaultRequestCulture = new RequestCulture(Japanese);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // Only an explicit choice switches language: the programme's members are Japanese SMEs,
            // so a browser's Accept-Language is not taken as a choice.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
            ];
        });
        return builder;
    }
}
