using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

namespace Microsoft.Extensions.DependencyInjection;

public static class PagesServiceCollectionExtensions
{
    /// <summary>Razor Pages live in their feature folders (Features/&lt;Feature&gt;/Pages) with explicit routes. Every page needs a signed-in user unless it is under Account or Common; role policies sit on the page models.</summary>
    public static IHostApplicationBuilder AddMamoriPages(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddRazorPages(options =>
            {
                options.RootDirectory = "/Features";
                options.Conventions.AuthorizeFolder("/");
                options.Conventions.AllowAnonymousToFolder("/Account");
                options.Conventions.AllowAnonymousToFolder("/Common");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();

        // Write Japanese as characters, not as &#x...; references: pages stay readable and smaller.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }
}
