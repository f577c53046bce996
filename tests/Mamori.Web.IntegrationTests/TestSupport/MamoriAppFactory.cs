using Mamori.Web.Data;
using Mamori.Web.Features.Demo;
using Mamori.Web.Infrastructure.Tenancy;
using Mamori.Web.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.IntegrationTests.TestSupport;

/// <summary>
/// The real app over a throwaway database (in-memory SQLite or a fresh PostgreSQL database),
/// migrated and filled with the demo programme at start-up, as <c>mamori demo</c> does.
/// </summary>
public sealed class MamoriAppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;

    private MamoriAppFactory(TestDatabase database)
    {
        _database = database;
    }

    public static async Task<MamoriAppFactory> CreateAsync(DatabaseProvider provider) =>
        new(await TestDatabase.CreateAsync(provider));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Mamori:DataDirectory", Path.Combine(Path.GetTempPath(), "mamori-tests"));
        // The monthly report job would otherwise start printing every company's report when a test runs on the 1st–3rd.
        builder.UseSetting("Mamori:HealthReports:ScheduleEnabled", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(_database.Settings);
            services.AddSingleton<IDataProtectionProvider, EphemeralDataProtectionProvider>();
            services.Configure<DemoDataOptions>(options => options.Enabled = true);
        });
    }

    /// <summary>Reads the database with no tenant restriction, to find the rows the tests aim at.</summary>
    public async Task<T> QueryAsSystemAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await query(db);
    }

    public Task<int> CompanyIdAsync(string name) =>
        QueryAsSystemAsync(db => db.Companies.Where(c => c.Name == name).Select(c => c.Id).SingleAsync());

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
