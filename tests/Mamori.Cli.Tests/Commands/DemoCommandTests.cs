using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using Mamori.Cli.Commands;
using Mamori.Web.Features.Demo;

namespace Mamori.Cli.Tests.Commands;

public sealed partial class DemoCommandTests
{
    [Fact]
    public void Parse_NoOptions_UsesPort5080AndDemoDataDirectory()
    {
        var command = DemoCommand.Create();
        var result = command.Parse([]);

        Assert.Empty(result.Errors);
        Assert.Equal(DemoCommand.DefaultPort, result.GetValue<int>("--port"));
        Assert.Equal(DemoCommand.DefaultDataDirectory, result.GetValue<DirectoryInfo>("--data")?.Name);
    }

    [Fact]
    public void Parse_PortAndData_AreRead()
    {
        var result = DemoCommand.Create().Parse(["--port", "6123", "--data", "/tmp/mamori-x"]);

        Assert.Empty(result.Errors);
        Assert.Equal(6123, result.GetValue<int>("--port"));
        Assert.Equal("/tmp/mamori-x", result.GetValue<DirectoryInfo>("--data")?.FullName);
    }

    [Theory]
    [InlineData("70000")]
    [InlineData("-1")]
    [InlineData("http")]
    public void Parse_BadPort_ReportsError(string port) =>
        Assert.NotEmpty(DemoCommand.Create().Parse(["--port", port]).Errors);

    [Fact]
    public async Task Invoke_Help_DescribesPortAndData()
    {
        var root = new RootCommand("mamori") { DemoCommand.Create(), ServeCommand.Create() };
        using var output = new StringWriter();

        var exit = await root.Parse(["demo", "--help"]).InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        Assert.Contains("--port", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--data", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_EvenWithPostgresInEnvironment_SelectSqliteInDataDirectory()
    {
        var settings = DemoCommand.Settings(5080, "/srv/demo");

        Assert.Equal("http://127.0.0.1:5080", settings["urls"]);
        Assert.Equal("/srv/demo", settings["Mamori:DataDirectory"]);
        Assert.Equal("", settings["ConnectionStrings:Postgres"]);
        Assert.Equal("true", settings["Mamori:Demo:Enabled"]);
    }

    [Fact]
    public async Task Invoke_FreePort_ServesHealthyDemoAndPrintsEveryLogin()
    {
        var data = Path.Combine(Path.GetTempPath(), "mamori-cli-demo-" + Guid.NewGuid().ToString("N"));
        using var output = new LockedWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var run = DemoCommand.Create().Parse(["--port", "0", "--data", data])
            .InvokeAsync(new InvocationConfiguration { Output = output }, stop.Token);
        try
        {
            var url = await WaitForUrlAsync(output, run, stop.Token);
            using var http = new HttpClient { BaseAddress = new Uri(url) };

            Assert.Equal("Healthy", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative), stop.Token));
            Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
            foreach (var login in DemoLogins.All)
            {
                Assert.Contains(login.Email, output.Text, StringComparison.Ordinal);
            }

            Assert.True(File.Exists(Path.Combine(data, "mamori.db")));
        }
        finally
        {
            await stop.CancelAsync();
            await run;
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<string> WaitForUrlAsync(LockedWriter output, Task<int> run, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var match = OpenUrl().Match(output.Text);
            if (match.Success)
            {
                return match.Groups[1].Value;
            }

            if (run.IsCompleted)
            {
                throw new InvalidOperationException("mamori demo stopped early: " + output.Text);
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException("mamori demo printed no URL: " + output.Text);
    }

    [GeneratedRegex(@"Open (http://[^\s/]+)/")]
    private static partial Regex OpenUrl();

    /// <summary>A writer the server thread writes to while the test reads.</summary>
    private sealed class LockedWriter : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _gate = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_gate)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                _text.Append(value);
            }
        }
    }
}
