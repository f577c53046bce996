using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AppDbContext"/> on the provider the configuration selects, with the
    /// migrations of that provider's assembly (one per provider, as bitwarden and jellyfin do).
    /// </summary>
    public static IHostApplicationBuilder AddMamoriData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MamoriDataOptions>()
            .BindConfiguration(MamoriDataOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var settings = DatabaseSettings.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        builder.Services.AddDbContext<AppDbContext>((services, options) => options.UseMamoriDatabase(services.GetRequiredService<DatabaseSettings>()));
        builder.Services.AddScoped<DatabaseMigrator>();

        // Sign-in cookies survive a restart: the keys live with the data, not in the user profile.
        builder.Services.AddDataProtection()
            .SetApplicationName("Mamori")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(DataDirectory(builder.Configuration), "keys")));
        return builder;
    }

    public static DbContextOptionsBuilder UseMamoriDatabase(this DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(settings.ConnectionString, b => b.MigrationsAssembly(settings.MigrationsAssembly));
        }
        else
        {
            EnsureSqliteDirectory(settings.ConnectionString);
            options.UseSqlite(settings.ConnectionString, b => b.MigrationsAssembly(settings.MigrationsAssembly));
        }

        // The migrations are written by hand without a model snapshot (the EF design package cannot
        // be restored here), so EF cannot diff against a snapshot. MigrationSchemaTests proves
        // instead that the migrated schema equals the one the model creates, on both providers.
        return options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    internal static string DataDirectory(IConfiguration configuration)
    {
        var directory = configuration[$"{MamoriDataOptions.SectionName}:{nameof(MamoriDataOptions.DataDirectory)}"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(directory) ? "./data" : directory);
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
