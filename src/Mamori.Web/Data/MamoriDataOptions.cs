using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.Data;

/// <summary>Where Mamori keeps its files, bound from the <c>Mamori</c> configuration section.</summary>
public sealed class MamoriDataOptions
{
    public const string SectionName = "Mamori";

    /// <summary>The SQLite database and other local files live here. Relative paths are taken from the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";
}

/// <summary>Which database the configuration selects.</summary>
public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}

/// <summary>
/// Reads the database choice from configuration: <c>ConnectionStrings:Postgres</c> selects
/// PostgreSQL; otherwise SQLite, with <c>ConnectionStrings:Sqlite</c> or a <c>mamori.db</c> file
/// in the data directory.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteMigrationsAssembly = "Mamori.Web.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Mamori.Web.Migrations.Postgres";

    public string MigrationsAssembly => Provider == DatabaseProvider.Postgres ? PostgresMigrationsAssembly : SqliteMigrationsAssembly;

    public static DatabaseSettings FromConfiguration(IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            return new DatabaseSettings(DatabaseProvider.Postgres, postgres);
        }

        var sqlite = configuration.GetConnectionString("Sqlite");
        if (!string.IsNullOrWhiteSpace(sqlite))
        {
            return new DatabaseSettings(DatabaseProvider.Sqlite, sqlite);
        }

        var directory = DataServiceCollectionExtensions.DataDirectory(configuration);
        return new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "mamori.db")}");
    }
}
