using System.Diagnostics;

namespace Mamori.Cli;

/// <summary>
/// Runs <c>mamori extract</c> and <c>mamori analyze</c> with tiered compilation off.
/// </summary>
/// <remarks>
/// A batch run over a capture spends about a second in quickly-compiled (tier-0) code before the runtime
/// recompiles the hot paths; compiling them fully optimised at once makes a fresh run over 1 GB about
/// twice as fast (bench/README.md). The server and the sensor agent run for days and keep tiered
/// compilation, whose profile-guided code is faster once warm. The runtime reads the setting only at
/// start-up, so the batch commands start themselves again with <c>DOTNET_TieredCompilation=0</c>; standard
/// input, output and error are inherited (pipes, the terminal's progress bar), and the exit code is passed on.
/// Set <c>DOTNET_TieredCompilation</c> yourself (to 0 or 1) to run in-process with that choice.
/// </remarks>
internal static class BatchRuntime
{
    private const string Variable = "DOTNET_TieredCompilation";

    public static bool ShouldRestart(string[] args) =>
        args is ["extract" or "analyze", ..] && Environment.GetEnvironmentVariable(Variable) is null;

    public static async Task<int> RestartAsync(string[] args)
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("the process path is unknown");
        var info = new ProcessStartInfo(processPath) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            // Started as "dotnet mamori.dll ...": the same host with the same assembly.
            info.ArgumentList.Add(typeof(BatchRuntime).Assembly.Location);
        }

        foreach (var argument in args)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment[Variable] = "0";

        // Ctrl+C reaches both processes (same process group): the child stops cleanly, this one waits for it.
        Console.CancelKeyPress += (_, e) => e.Cancel = true;
        using var child = Process.Start(info) ?? throw new InvalidOperationException("could not start " + processPath);
        await child.WaitForExitAsync().ConfigureAwait(false);
        return child.ExitCode;
    }
}
