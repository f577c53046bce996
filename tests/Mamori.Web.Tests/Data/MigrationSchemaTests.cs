using System.Data.Common;
using System.Globalization;
using Mamori.Web.Data;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Data;

/// <summary>
/// The migrations are written by hand, so this is what proves them: migrating an empty database
/// must give exactly the schema EF creates from the model (tables, columns, types, nullability,
/// defaults, keys, indexes, foreign keys), on each provider.
/// </summary>
public sealed class MigrationSchemaTests
{
    [Fact]
    public Task Migrate_EmptySqliteDatabase_MatchesModelSchema() => AssertMigratedSchemaMatchesModelAsync(DatabaseProvider.Sqlite);

    [PostgresFact]
    public Task Migrate_EmptyPostgresDatabase_MatchesModelSchema() => AssertMigratedSchemaMatchesModelAsync(DatabaseProvider.Postgres);

    [Fact]
    public Task Migrate_EmptySqliteDatabase_LeavesNoPendingMigration() => AssertNoPendingMigrationAsync(DatabaseProvider.Sqlite);

    [PostgresFact]
    public Task Migrate_EmptyPostgresDatabase_LeavesNoPendingMigration() => AssertNoPendingMigrationAsync(DatabaseProvider.Postgres);

    private static async Task AssertMigratedSchemaMatchesModelAsync(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var created = await TestDatabase.CreateAsync(provider);
        await using (var db = migrated.CreateSystemContext())
        {
            await db.Database.MigrateAsync();
        }

        await using (var db = created.CreateSystemContext())
        {
            Assert.True(await db.Database.EnsureCreatedAsync());
        }

        var migratedSchema = await DescribeAsync(migrated);
        var createdSchema = await DescribeAsync(created);

        Assert.Contains(createdSchema, line => line.StartsWith("column MemberCompanies.Industry ", StringComparison.Ordinal));
        // Differences both ways, so a failure names the exact table, column or index.
        Assert.Empty(createdSchema.Except(migratedSchema, StringComparer.Ordinal).Select(l => "missing after migration: " + l));
        Assert.Empty(migratedSchema.Except(createdSchema, StringComparer.Ordinal).Select(l => "extra after migration: " + l));
        Assert.Equal(createdSchema, migratedSchema);
    }

    private static async Task AssertNoPendingMigrationAsync(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateSystemContext();
        Assert.NotEmpty(db.Database.GetMigrations());
        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    private static async Task<List<string>> DescribeAsync(TestDatabase database)
    {
        await using var db = database.CreateSystemContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var lines = database.Settings.Provider == DatabaseProvider.Postgres
            ? await DescribePostgresAsync(connection)
            : await DescribeSqliteAsync(connection);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> DescribeSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        // __EFMigrationsLock is the SQLite provider's migration lock, EF's own table like the history.
        var tables = await QueryAsync(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')");
        foreach (var table in tables)
        {
            var name = table[0];
            var autoincrement = table[1].Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase);
            lines.Add($"table {name} autoincrement={autoincrement}");
            foreach (var c in await QueryAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{name}')"))
            {
                lines.Add($"column {name}.{c[0]} type={c[1]} notnull={c[2]} default={c[3]} pk={c[4]}");
            }

            foreach (var i in await QueryAsync(connection, $"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{name}')"))
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                lines.Add($"index {name}.{i[0]} unique={i[1]} origin={i[2]} partial={i[3]} ({string.Join(",", columns.Select(r => r[0]))})");
            }

            foreach (var f in await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{name}')"))
            {
                lines.Add($"fk {name}.{f[1]} -> {f[0]}.{f[2]} update={f[3]} delete={f[4]}");
            }
        }

        return lines;
    }

    private static async Task<List<string>> DescribePostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var c in await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, udt_name, character_maximum_length, is_nullable,
                   column_default, is_identity, identity_generation
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            """))
        {
            lines.Add($"column {c[0]}.{c[1]} type={c[2]}/{c[3]}({c[4]}) nullable={c[5]} default={c[6]} identity={c[7]}/{c[8]}");
        }

        foreach (var i in await QueryAsync(connection, """
            SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
            """))
        {
            lines.Add($"index {i[0]}.{i[1]} {i[2]}");
        }

        foreach (var k in await QueryAsync(connection, """
            SELECT conrelid::regclass::text, conname, contype::text, pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"__EFMigrationsHistory"'
            """))
        {
            lines.Add($"constraint {k[0]}.{k[1]} {k[2]} {k[3]}");
        }

        return lines;
    }

    private static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "null";
            }

            rows.Add(row);
        }

        return rows;
    }
}
