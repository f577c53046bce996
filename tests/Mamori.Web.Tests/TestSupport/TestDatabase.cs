using System.Globalization;
using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Mamori.Web.Tests.TestSupport;

/// <summary>
/// A throwaway database: an in-memory SQLite database kept alive by an open connection, or a
/// freshly created PostgreSQL database with a unique name, dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection? _sqlite;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseSettings settings, SqliteConnection? sqlite, string? postgresAdmin, string? postgresName)
    {
        Settings = settings;
        _sqlite = sqlite;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseSettings Settings { get; }

    public static TestDatabase CreateSqlite()
    {
        // A named shared-cache in-memory database lives as long as one connection to it is open.
        var name = "mamori-" + Guid.NewGuid().ToString("N");
        var cs = $"Data Source={name};Mode=Memory;Cache=Shared";
        var keepAlive = new SqliteConnection(cs);
        keepAlive.Open();
        return new TestDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, cs), keepAlive, null, null);
    }

    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        var admin = TestEnvironment.RequirePostgres();
        var name = "mamori_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString), null, admin, name);
    }

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? CreatePostgresAsync() : Task.FromResult(CreateSqlite());

    public AppDbContext CreateContext(ITenantContext tenant)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseMamoriDatabase(Settings);
        return new AppDbContext(builder.Options, tenant);
    }

    public AppDbContext CreateSystemContext()
    {
        var tenant = new TenantContext();
        tenant.UseSystem();
        return CreateContext(tenant);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }

        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            var sql = string.Create(CultureInfo.InvariantCulture, $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
