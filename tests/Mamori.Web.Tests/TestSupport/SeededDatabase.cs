using Mamori.Web.Data;
using Mamori.Web.Features.Demo;
using Mamori.Web.Infrastructure.Identity;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mamori.Web.Tests.TestSupport;

/// <summary>A migrated database holding the demo programme, for handler tests.</summary>
public sealed class SeededDatabase : IAsyncDisposable
{
    private SeededDatabase(TestDatabase database)
    {
        Database = database;
    }

    public TestDatabase Database { get; }

    public static async Task<SeededDatabase> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateSystemContext())
        {
            await db.Database.MigrateAsync();
        }

        await using var services = BuildServices(database);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(CancellationToken.None);
        return new SeededDatabase(database);
    }

    /// <summary>The services DemoSeeder needs (Identity stores over this database), without the web host.</summary>
    public static ServiceProvider BuildServices(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(database.Settings);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddDbContext<AppDbContext>((sp, options) => options.UseMamoriDatabase(sp.GetRequiredService<DatabaseSettings>()));
        services.AddIdentityCore<ApplicationUser>(MamoriIdentityServiceCollectionExtensions.ConfigureIdentityOptions)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
        services.AddScoped<DemoSeeder>();
        // Hashing strength is not under test here; a low count keeps each seeded database fast.
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);
        return services.BuildServiceProvider();
    }

    public AppDbContext As(Action<TenantContext> scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var tenant = new TenantContext();
        scope(tenant);
        return Database.CreateContext(tenant);
    }

    public async Task<T> SystemQueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = Database.CreateSystemContext();
        return await query(db);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

/// <summary>One seeded database shared by the read-only tests of a class.</summary>
public sealed class SeededDatabaseFixture : IAsyncLifetime
{
    public SeededDatabase Seeded { get; private set; } = null!;

    public async Task InitializeAsync() => Seeded = await SeededDatabase.CreateAsync();

    public async Task DisposeAsync() => await Seeded.DisposeAsync();
}
