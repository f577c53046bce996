using System.Reflection;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mamori.Web.Data;

/// <summary>Applies the provider's migrations at start-up.</summary>
public sealed partial class DatabaseMigrator
{
    private readonly AppDbContext _db;
    private readonly TenantContext _tenant;
    private readonly DatabaseSettings _settings;
    private readonly ILogger<DatabaseMigrator> _logger;

    public DatabaseMigrator(AppDbContext db, TenantContext tenant, DatabaseSettings settings, ILogger<DatabaseMigrator> logger)
    {
        _db = db;
        _tenant = tenant;
        _settings = settings;
        _logger = logger;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        EnsureMigrationsAssemblyIsPresent();
        _tenant.UseSystem();
        // Ask the history repository whether its table exists first: querying a missing history
        // table works but logs a failed command, which reads like an error on every first start.
        var history = _db.GetService<IHistoryRepository>();
        var applied = await history.ExistsAsync(cancellationToken)
            ? (await history.GetAppliedMigrationsAsync(cancellationToken)).Count
            : 0;
        var pending = _db.Database.GetMigrations().Count() - applied;
        LogMigrating(_settings.Provider, pending);
        await _db.Database.MigrateAsync(cancellationToken);
    }

    private void EnsureMigrationsAssemblyIsPresent()
    {
        try
        {
            Assembly.Load(_settings.MigrationsAssembly);
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException(
                $"The migrations assembly {_settings.MigrationsAssembly} is not next to the application. Run Mamori through the mamori CLI (src/Mamori.Cli), which ships both providers' migrations.",
                e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Provider}, applying {Count} pending migration(s)")]
    private partial void LogMigrating(DatabaseProvider provider, int count);
}
