using Mamori.Web.Data;

namespace Mamori.Web.IntegrationTests.TestSupport;

/// <summary>
/// One app (and database) per test class. Created on first use, so a class whose tests are all
/// skipped (no PostgreSQL) never tries to reach a server.
/// </summary>
public abstract class AppFixture : IAsyncLifetime
{
    private readonly Lazy<Task<MamoriAppFactory>> _factory;

    protected AppFixture(DatabaseProvider provider)
    {
        _factory = new Lazy<Task<MamoriAppFactory>>(() => StartAsync(provider));
    }

    public Task<MamoriAppFactory> GetAsync() => _factory.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_factory.IsValueCreated)
        {
            await (await _factory.Value).DisposeAsync();
        }
    }

    private static async Task<MamoriAppFactory> StartAsync(DatabaseProvider provider)
    {
        var factory = await MamoriAppFactory.CreateAsync(provider);
        // Starting the server migrates and seeds; do it once, here.
        using var client = factory.CreateClient();
        return factory;
    }
}

public sealed class SqliteAppFixture() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresAppFixture() : AppFixture(DatabaseProvider.Postgres);
