using Mamori.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mamori.Cli.Commands;

/// <summary>Starts the Mamori web host for a command and runs it until Ctrl+C.</summary>
internal static class WebHostRunner
{
    public static async Task<int> RunAsync(
        string[] hostArgs,
        IReadOnlyDictionary<string, string?> settings,
        Action<IReadOnlyList<string>, TextWriter> onStarted,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        var builder = MamoriWebApp.CreateBuilder(hostArgs, settings, AppContext.BaseDirectory);
        await using var app = MamoriWebApp.Build(builder);
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        onStarted(addresses, output);
        await output.FlushAsync(cancellationToken);

        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
