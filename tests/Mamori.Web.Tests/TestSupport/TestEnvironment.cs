namespace Mamori.Web.Tests.TestSupport;

/// <summary>What the environment offers the tests. run-tests.sh sets all of it.</summary>
public static class TestEnvironment
{
    /// <summary>An Npgsql connection string for a server where the tests may create and drop databases.</summary>
    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable("MAMORI_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    /// <summary>When set to 1, a missing prerequisite fails the test instead of skipping it.</summary>
    public static bool RequireAll => Environment.GetEnvironmentVariable("MAMORI_TEST_REQUIRE_ALL") == "1";

    public const string ChromiumPath = "/usr/bin/chromium";

    public static string RequirePostgres() =>
        PostgresConnectionString ?? throw new InvalidOperationException(
            "MAMORI_TEST_POSTGRES is not set but MAMORI_TEST_REQUIRE_ALL=1: set it to an Npgsql connection string of a PostgreSQL server that allows CREATE DATABASE.");
}

/// <summary>
/// A fact that needs a PostgreSQL server (MAMORI_TEST_POSTGRES). It skips, saying why, when there is
/// none, except under MAMORI_TEST_REQUIRE_ALL=1 where it runs and fails.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestEnvironment.PostgresConnectionString is null && !TestEnvironment.RequireAll)
        {
            Skip = "MAMORI_TEST_POSTGRES is not set (an Npgsql connection string); set it, or run ./run-tests.sh, to run the PostgreSQL leg.";
        }
    }
}

/// <summary>A fact that drives Debian's chromium; skips when it is absent unless MAMORI_TEST_REQUIRE_ALL=1.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(TestEnvironment.ChromiumPath) && !TestEnvironment.RequireAll)
        {
            Skip = $"{TestEnvironment.ChromiumPath} is missing (Debian package: chromium); install it, or run ./run-tests.sh, to run the browser tests.";
        }
    }
}
