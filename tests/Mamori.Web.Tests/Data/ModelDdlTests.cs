using Mamori.Web.Data;
using Mamori.Web.Infrastructure.Tenancy;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.Tests.Data;

/// <summary>
/// The model's create scripts on both providers: every entity has its table in each, and the
/// scripts are left in artifacts/ddl for tools/migration-scaffold, which drafts hand-written
/// migrations from them.
/// </summary>
public sealed class ModelDdlTests
{
    [Fact]
    public async Task ModelDdl_BothProviders_CreateEveryEntityTable()
    {
        await using var sqlite = TestDatabase.CreateSqlite();
        await using var sqliteDb = sqlite.CreateSystemContext();
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseMamoriDatabase(new DatabaseSettings(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=ddl;Username=ddl"));
        var tenant = new TenantContext();
        tenant.UseSystem();
        await using var postgresDb = new AppDbContext(builder.Options, tenant);

        var scripts = new Dictionary<string, string>
        {
            ["sqlite"] = sqliteDb.Database.GenerateCreateScript(),
            ["postgres"] = postgresDb.Database.GenerateCreateScript(),
        };

        var tables = sqliteDb.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        Assert.Contains("SecurityAlerts", tables);
        foreach (var (provider, script) in scripts)
        {
            foreach (var table in tables)
            {
                Assert.Contains($"CREATE TABLE \"{table}\"", script, StringComparison.Ordinal);
            }

            var dir = Path.Combine(RepositoryRoot(), "artifacts", "ddl");
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, provider + ".sql"), script);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mamori.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Path.GetTempPath();
    }
}
