using System.Diagnostics;

namespace Mamori.Sensor.Tests.TestSupport;

/// <summary>Finds and runs the real programs the integration tests drive (tcpdump, tshark, curl, ...).</summary>
public static class ExternalTools
{
    /// <summary>When "1", tests that need missing tools fail instead of being skipped (CI sets it).</summary>
    public static bool RequireAll => Environment.GetEnvironmentVariable("MAMORI_TEST_REQUIRE_ALL") == "1";

    public static string? Find(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (var directory in new[] { "/usr/sbin", "/sbin" })
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static bool IsRoot =>
        OperatingSystem.IsLinux()
        && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal)) is { } line
        && line.Split('\t', StringSplitOptions.RemoveEmptyEntries) is [_, "0", ..];

    /// <summary>Runs a program with a hard timeout; returns exit code and standard output.</summary>
    public static (int ExitCode, string Output, string Error) Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout}");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}

/// <summary>
/// A fact that is skipped, with the reason, when a program it needs is missing or root is needed
/// and absent — unless MAMORI_TEST_REQUIRE_ALL=1, in which case it runs (and fails).
/// </summary>
public sealed class RequiresToolsFactAttribute : FactAttribute
{
    public RequiresToolsFactAttribute(bool root, params string[] tools)
    {
        if (ExternalTools.RequireAll)
        {
            return;
        }

        var missing = tools.Where(t => ExternalTools.Find(t) is null).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} (set MAMORI_TEST_REQUIRE_ALL=1 to make this a failure)";
        }
        else if (root && !ExternalTools.IsRoot)
        {
            Skip = "needs root for network namespaces / capture (set MAMORI_TEST_REQUIRE_ALL=1 to make this a failure)";
        }
    }
}
