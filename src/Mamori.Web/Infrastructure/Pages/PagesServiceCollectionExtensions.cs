using Mamori.Web.Infrastructure.Identity;

namespace Microsoft.Extensions.DependencyInjection;

public static class PagesServiceCollectionExtensions
{
    /// <summary>Razor Pages live in their feature folders (Features/&lt;Feature&gt;/Pages) with explicit routes.</summary>
    public static IHostApplicationBuilder AddMamoriPages(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddRazorPages(options =>
            {
                options.RootDirectory = "/Features";
                options.Conventions.AuthorizeFolder("/");
                options.Conventions.AllowAnonymousToFolder("/Account");
                options.Conventions.AllowAnonymousToFolder("/Shared");
                options.Conventions.AuthorizeFolder("/Companies", Policies.Staff);
                options.Conventions.AuthorizePage("/Companies/Pages/MyCompany", Policies.Member);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        return builder;
    }
}
