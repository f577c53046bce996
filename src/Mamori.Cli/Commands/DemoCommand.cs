using System.CommandLine;
using System.Globalization;
using Mamori.Web.Features.Demo;

namespace Mamori.Cli.Commands;

/// <summary>
/// <c>mamori demo [--port N] [--data DIR]</c>: the whole product on one laptop — SQLite in DIR,
/// the demo programme seeded into an empty database, listening on 127.0.0.1 only.
/// </summary>
public static class DemoCommand
{
    public const int DefaultPort = 5080;
    public const string DefaultDataDirectory = "demo-data";

    public static Command Create()
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = "TCP port on 127.0.0.1 (0 picks a free one).",
            DefaultValueFactory = _ => DefaultPort,
        };
        port.Validators.Add(result =>
        {
            // Only range-check a number; a non-number is reported by the parser itself.
            if (result.Tokens is [var token]
                && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                && value is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535.");
            }
        });

        var data = new Option<DirectoryInfo>("--data", "-d")
        {
            Description = "Directory for the SQLite database and other files.",
            DefaultValueFactory = _ => new DirectoryInfo(DefaultDataDirectory),
        };

        var command = new Command("demo", "Run Mamori with an embedded SQLite database and demo data on 127.0.0.1, and print the demo logins.")
        {
            port,
            data,
        };

        command.SetAction((parseResult, cancellationToken) =>
        {
            var directory = parseResult.GetRequiredValue(data).FullName;
            Directory.CreateDirectory(directory);
            var settings = Settings(parseResult.GetValue(port), directory);
            return WebHostRunner.RunAsync([], settings, PrintWelcome, parseResult.InvocationConfiguration.Output, cancellationToken);
        });
        return command;
    }

    /// <summary>The configuration the demo runs with; SQLite even if the environment names a PostgreSQL server.</summary>
    public static Dictionary<string, string?> Settings(int port, string dataDirectory) => new()
    {
        ["urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
        ["Mamori:DataDirectory"] = dataDirectory,
        ["Mamori:Demo:Enabled"] = "true",
        ["ConnectionStrings:Postgres"] = "",
        ["ConnectionStrings:Sqlite"] = "",
    };

    public static void PrintWelcome(IReadOnlyList<string> addresses, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Mamori (守り) demo is running.");
        foreach (var address in addresses)
        {
            output.WriteLine($"  Open {address}/ in a browser.");
        }

        output.WriteLine();
        output.WriteLine($"Demo logins (password for all: {DemoLogins.Password}):");
        foreach (var login in DemoLogins.All)
        {
            output.WriteLine($"  {login.Role,-8} {login.Email,-36} {login.Organisation}");
        }

        output.WriteLine();
        output.WriteLine("Press Ctrl+C to stop.");
    }
}
