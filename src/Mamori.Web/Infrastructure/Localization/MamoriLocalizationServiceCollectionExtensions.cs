using System.Globalization;
using Mamori.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Localization;

namespace Microsoft.Extensions.DependencyInjection;

public static class MamoriLocalizationServiceCollectionExtensions
{
    /// <summary>Japanese by default; English when the user picks it (a cookie remembers the choice).</summary>
    public static IHostApplicationBuilder AddMamoriLocalization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            CultureInfo[] cultures = [new(SupportedCultures.Japanese), new(SupportedCultures.English)];
            options.DefaultRequestCulture = new RequestCulture(SupportedCultures.Japanese);
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
