using System.CommandLine;

namespace Mamori.Cli.Commands;

/// <summary>
/// <c>mamori serve</c>: the server as configured by appsettings.json, environment variables
/// (<c>ConnectionStrings__Postgres</c> selects PostgreSQL, <c>Mamori__DataDirectory</c>, <c>ASPNETCORE_URLS</c>)
/// and any <c>--Key=value</c> arguments after it.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command(
            "serve",
            "Run the Mamori server with configuration from appsettings.json, environment variables and --Key=value arguments "
            + "(e.g. --urls=http://0.0.0.0:8080 --ConnectionStrings:Postgres=\"Host=...\" --Mamori:DataDirectory=/var/lib/mamori). "
            + "A PostgreSQL connection string selects PostgreSQL; otherwise SQLite in the data directory.")
        {
            // Everything after `serve` is host configuration, passed on as is.
            TreatUnmatchedTokensAsErrors = false,
        };

        command.SetAction((parseResult, cancellationToken) =>
            WebHostRunner.RunAsync(
                [.. parseResult.UnmatchedTokens],
                new Dictionary<string, string?>(),
                PrintStarted,
                parseResult.InvocationConfiguration.Output,
                cancellationToken));
        return command;
    }

    private static void PrintStarted(IReadOnlyList<string> addresses, TextWriter output)
    {
        foreach (var address in addresses)
        {
            output.WriteLine($"Mamori is listening on {address}");
        }
    }
}
