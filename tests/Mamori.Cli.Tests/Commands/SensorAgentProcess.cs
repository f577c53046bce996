using System.Diagnostics;
using System.Text;

namespace Mamori.Cli.Tests.Commands;

/// <summary>Runs <c>mamori sensor ...</c> as a separate process (dotnet mamori.dll), so a test can SIGKILL it.</summary>
internal sealed class SensorAgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SensorAgentProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static SensorAgentProcess Start(params string[] arguments) => StartIn(null, arguments);

    /// <summary>Starts the agent inside network namespace <paramref name="networkNamespace"/> (ip netns exec) when not null.</summary>
    public static SensorAgentProcess StartIn(string? networkNamespace, params string[] arguments)
    {
        var info = new ProcessStartInfo(networkNamespace is null ? "dotnet" : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (networkNamespace is not null)
        {
            foreach (var prefix in new[] { "netns", "exec", networkNamespace, "dotnet" })
            {
                info.ArgumentList.Add(prefix);
            }
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mamori.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var result = new SensorAgentProcess(process);
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>SIGKILL: no handler runs, nothing is flushed — a crash or a power cut as the agent sees it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException("mamori sensor did not finish in " + timeout + ":\n" + Output);
        }

        _process.WaitForExit(); // drain the output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
