using System.Diagnostics;
using Mamori.Web.Tests.TestSupport;

namespace Mamori.Web.IntegrationTests.Features.Ingest;

/// <summary>The RabbitMQ the tests use: MAMORI_TEST_RABBITMQ (run-tests.sh starts one), or a private node a test starts itself.</summary>
internal static class RabbitMqTestSupport
{
    public const string ServerBinary = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static string? Uri => Environment.GetEnvironmentVariable("MAMORI_TEST_RABBITMQ") is { Length: > 0 } uri ? uri : null;

    public static string RequireUri() => Uri ?? throw new InvalidOperationException(
        "MAMORI_TEST_RABBITMQ is not set but MAMORI_TEST_REQUIRE_ALL=1: start a node with scripts/test-rabbitmq.sh start DIR and export its amqp:// URI, or run ./run-tests.sh.");

    /// <summary>The repository's scripts/test-rabbitmq.sh, found upwards from the test binaries.</summary>
    public static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "test-rabbitmq.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("scripts/test-rabbitmq.sh not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs the node script (start or stop) for a data directory; returns what it printed.</summary>
    public static async Task<string> NodeAsync(string command, string directory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script());
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"test-rabbitmq.sh {command} exited {process.ExitCode}: {await error}");
        }

        return (await output).Trim();
    }
}

/// <summary>Needs MAMORI_TEST_RABBITMQ and PostgreSQL; skips without them unless MAMORI_TEST_REQUIRE_ALL=1.</summary>
public sealed class RabbitMqFactAttribute : FactAttribute
{
    public RabbitMqFactAttribute()
    {
        if ((RabbitMqTestSupport.Uri is null || TestEnvironment.PostgresConnectionString is null) && !TestEnvironment.RequireAll)
        {
            Skip = "MAMORI_TEST_RABBITMQ or MAMORI_TEST_POSTGRES is not set; run ./run-tests.sh (it starts both) to run the RabbitMQ pipeline tests.";
        }
    }
}

/// <summary>Starts its own RabbitMQ node (Debian rabbitmq-server) and needs PostgreSQL; skips without them unless MAMORI_TEST_REQUIRE_ALL=1.</summary>
public sealed class RabbitMqNodeFactAttribute : FactAttribute
{
    public RabbitMqNodeFactAttribute()
    {
        if ((!File.Exists(RabbitMqTestSupport.ServerBinary) || TestEnvironment.PostgresConnectionString is null) && !TestEnvironment.RequireAll)
        {
            Skip = $"{RabbitMqTestSupport.ServerBinary} (Debian package rabbitmq-server) or MAMORI_TEST_POSTGRES is missing; run ./run-tests.sh to run the broker restart test.";
        }
    }
}
