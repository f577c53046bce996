using System.Data.Common;
using System.Globalization;
using Mamori.Web.Data;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mamori.Web.Tests.Data;

/// <summary>
/// Upgrades keep data: for every earlier migration, a database at that migration is filled with
/// the demo programme (every row and column that exists at that point), migrated to the latest,
/// and every value copied in must still be there, unchanged.
/// </summary>
public sealed class MigrationUpgradeTests
{
    [Fact]
    public Task Migrate_FromEveryEarlierSqliteMigration_KeepsExistingRows() => AssertUpgradesKeepRowsAsync(DatabaseProvider.Sqlite);

    [PostgresFact]
    public Task Migrate_FromEveryEarlierPostgresMigration_KeepsExistingRows() => AssertUpgradesKeepRowsAsync(DatabaseProvider.Postgres);

    private static async Task AssertUpgradesKeepRowsAsync(DatabaseProvider provider)
    {
        await using var source = await SeededDatabase.CreateAsync(provider);
        await using var sourceDb = source.Database.CreateSystemContext();
        var migrations = sourceDb.Database.GetMigrations().ToList();
        Assert.True(migrations.Count >= 2, "needs at least two migrations to test an upgrade");
        var sourceConnection = sourceDb.Database.GetDbConnection();
        await sourceConnection.OpenAsync();

        foreach (var earlier in migrations.SkipLast(1))
        {
            await using var target = await TestDatabase.CreateAsync(provider);
            await using var db = target.CreateSystemContext();
            await db.GetService<IMigrator>().MigrateAsync(earlier);
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();

            var tables = await ColumnsByTableAsync(connection, provider);
            var copied = 0;
            await ExecuteAsync(connection, provider == DatabaseProvider.Sqlite ? "PRAGMA foreign_keys = OFF" : "SET session_replication_role = replica");
            foreach (var (table, columns) in tables)
            {
                copied += await CopyRowsAsync(sourceConnection, connection, table, columns);
            }

            await ExecuteAsync(connection, provider == DatabaseProvider.Sqlite ? "PRAGMA foreign_keys = ON" : "SET session_replication_role = DEFAULT");
            Assert.True(copied > 100, $"only {copied} demo rows fit the schema of {earlier}");
            await connection.CloseAsync();

            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());

            await connection.OpenAsync();
            foreach (var (table, columns) in tables)
            {
                var before = await RowsAsync(sourceConnection, table, columns);
                var after = await RowsAsync(connection, table, columns);
                Assert.True(before.SequenceEqual(after), $"{table}: rows changed when upgrading from {earlier} ({before.Count} before, {after.Count} after)");
            }
        }
    }

    private static async Task<Dictionary<string, List<string>>> ColumnsByTableAsync(DbConnection connection, DatabaseProvider provider)
    {
        var sql = provider == DatabaseProvider.Sqlite
            ? "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '__EF%' ORDER BY m.name, p.cid"
            : "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_EF%' ORDER BY table_name, ordinal_position";
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var table = reader.GetString(0);
            if (!result.TryGetValue(table, out var columns))
            {
                result[table] = columns = [];
            }

            columns.Add(reader.GetString(1));
        }

        return result;
    }

    private static async Task<int> CopyRowsAsync(DbConnection from, DbConnection to, string table, List<string> columns)
    {
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        await using var select = from.CreateCommand();
        select.CommandText = $"SELECT {list} FROM \"{table}\"";
        await using var reader = await select.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            await using var insert = to.CreateCommand();
            insert.CommandText = $"INSERT INTO \"{table}\" ({list}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
            for (var i = 0; i < columns.Count; i++)
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                parameter.Value = reader.GetValue(i);
                insert.Parameters.Add(parameter);
            }

            await insert.ExecuteNonQueryAsync();
            count++;
        }

        return count;
    }

    private static async Task<List<string>> RowsAsync(DbConnection connection, string table, List<string> columns)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new string[columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(string.Join("\u001f", values));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
