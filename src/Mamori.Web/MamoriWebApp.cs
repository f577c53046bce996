using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Health;
using Microsoft.AspNetCore.Localization;

namespace Mamori.Web;

/// <summary>
/// The web host, shared by Mamori.Web's own Program.cs (and so WebApplicationFactory) and the
/// mamori CLI's demo and serve commands. Reads like a table of contents; each feature adds itself.
/// </summary>
public static class MamoriWebApp
{
    /// <param name="args">Command-line configuration (<c>--Mamori:DataDirectory=...</c>, <c>--urls=...</c>).</param>
    /// <param name="settings">Configuration that overrides every other source (the CLI's options).</param>
    /// <param name="contentRoot">Where appsettings.json is read from; defaults to the working directory.</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, IReadOnlyDictionary<string, string?>? settings = null, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Razor Pages, compiled views and static assets belong to this assembly even when the
            // CLI (another entry assembly) hosts it.
            ApplicationName = typeof(MamoriWebApp).Assembly.GetName().Name,
            ContentRootPath = contentRoot,
            WebRootPath = FindWebRoot(),
        });

        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddMamoriData();
        builder.AddMamoriIdentity();
        builder.AddMamoriLocalization();
        builder.AddMamoriPages();
        builder.AddDemoData();
        builder.Services.AddHomeFeature();
        builder.Services.AddCompaniesFeature();
        builder.Services.AddDiagnosisFeature();
        builder.Services.AddHelpDeskFeature();
        builder.Services.AddSensorsFeature();
        builder.Services.AddDevicesFeature();
        builder.Services.AddTriageFeature(builder.Configuration);
        builder.Services.AddIntelFeature(builder.Configuration);
        builder.Services.AddHealthReportsFeature();
        builder.Services.AddRetentionFeature();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthChecks("/healthz");
        app.MapMamoriApi();
        app.MapSensorApi();
        app.MapOpenApi();
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// wwwroot next to the running assembly (the build copies it there for the CLI), else the
    /// project's own folder (dotnet run, WebApplicationFactory).
    /// </summary>
    private static string? FindWebRoot()
    {
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(besideBinaries) ? besideBinaries : null;
    }
}
