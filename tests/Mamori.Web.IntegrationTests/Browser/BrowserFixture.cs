using Mamori.Web.Features.Demo;
using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Tenancy;
using Mamori.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Mamori.Web.IntegrationTests.Browser;

/// <summary>
/// The real server (Kestrel on a free loopback port, SQLite file, demo data) and Debian's
/// chromium driven by Playwright. Started on first use so skipped tests cost nothing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>A member account only the lockout test uses, so locking it does not disturb the others.</summary>
    public const string LockoutEmail = "lockout-test@aoba-shoji.example";

    private static readonly string[] s_chromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mamori-browser-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<Task<Started>> _started;

    public BrowserFixture()
    {
        _started = new Lazy<Task<Started>>(StartAsync);
    }

    public async Task<string> BaseUrlAsync() => (await _started.Value).BaseUrl;

    /// <summary>The running app's services, for tests that put data in through the entities.</summary>
    public async Task<IServiceProvider> ServicesAsync() => (await _started.Value).App.Services;

    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var started = await _started.Value;
        options ??= new BrowserNewContextOptions();
        options.BaseURL = started.BaseUrl;
        var context = await started.Browser.NewContextAsync(options);

        // Playwright's 30 s is tight for a 2-core CI machine busy with every other test assembly.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_started.IsValueCreated)
        {
            var started = await _started.Value;
            await started.Browser.DisposeAsync();
            started.Playwright.Dispose();
            await started.App.StopAsync();
            await started.App.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private async Task<Started> StartAsync()
    {
        if (!File.Exists(TestEnvironment.ChromiumPath))
        {
            throw new InvalidOperationException($"{TestEnvironment.ChromiumPath} is missing (Debian package: chromium) but MAMORI_TEST_REQUIRE_ALL=1.");
        }

        var builder = MamoriWebApp.CreateBuilder([], new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Mamori:DataDirectory"] = _dataDirectory,
            ["Mamori:Demo:Enabled"] = "true",
            ["ConnectionStrings:Postgres"] = "",
            ["ConnectionStrings:Sqlite"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Mamori:HealthReports:ScheduleEnabled"] = "false",
        });
        var app = MamoriWebApp.Build(builder);
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        await AddLockoutUserAsync(app);

        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestEnvironment.ChromiumPath,
            Headless = true,
            Args = s_chromiumArgs,
        });
        return new Started(app, playwright, browser, baseUrl);
    }

    private static async Task AddLockoutUserAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var aoba = await users.FindByEmailAsync(DemoLogins.AobaMember.Email) ?? throw new InvalidOperationException("demo member missing");
        var user = new ApplicationUser
        {
            UserName = LockoutEmail,
            Email = LockoutEmail,
            DisplayName = "ロックアウト試験",
            OperatorId = aoba.OperatorId,
            CompanyId = aoba.CompanyId,
        };
        var created = await users.CreateAsync(user, DemoLogins.Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("could not create the lockout test user");
        }

        await users.AddToRoleAsync(user, Roles.Member);
    }

    private sealed record Started(WebApplication App, IPlaywright Playwright, IBrowser Browser, string BaseUrl);
}
