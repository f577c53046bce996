using Mamori.Web.Features.Demo;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Data;

/// <summary>
/// Migrates the database before the server takes requests and, when <c>Mamori:DemoData</c> is
/// on, fills an empty database with the demo programme.
/// </summary>
internal sealed class DatabaseInitializer(IServiceScopeFactory scopes, IOptions<DemoDataOptions> demo) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }

        if (demo.Value.Enabled)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
