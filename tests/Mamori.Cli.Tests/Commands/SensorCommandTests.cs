using Mamori.Cli.Commands;
using Mamori.Sensor.Agent;
using Mamori.Sensor.Tests.Agent;

namespace Mamori.Cli.Tests.Commands;

/// <summary><c>mamori sensor enroll</c> and <c>status</c>: what an installer sees, and the exit codes of docs/sensor.md.</summary>
public sealed class SensorCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("mamori-enroll-");
    private readonly SensorTestReceiver _receiver = new();
    private readonly HttpClient _http = new();

    public SensorCommandTests()
    {
        _receiver.Start();
    }

    public void Dispose()
    {
        _receiver.Dispose();
        _http.Dispose();
        _work.Delete(recursive: true);
    }

    private string State => Path.Combine(_work.FullName, "state");

    private async Task<(int Exit, string Output)> EnrollAsync(string code, Uri? server = null, bool allowHttp = false, bool force = false)
    {
        using var output = new StringWriter();
        var exit = await SensorEnrollment.EnrollAsync(_http, server ?? _receiver.BaseAddress, code, State, allowHttp, force, output);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Enroll_GoodCode_StoresTheCredentialOwnerOnlyAndNamesCompanyAndSite()
    {
        var (exit, output) = await EnrollAsync(SensorTestReceiver.GoodCode);

        Assert.Equal(0, exit);
        Assert.Contains("株式会社テスト製作所 / 本社", output, StringComparison.Ordinal);
        var credential = new AgentStateDirectory(State).ReadCredential();
        Assert.NotNull(credential);
        Assert.Equal(SensorTestReceiver.Credential, credential.Credential);
        Assert.Equal(7, credential.SensorId);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(new AgentStateDirectory(State).CredentialPath));
        }

        Assert.DoesNotContain(SensorTestReceiver.Credential, output, StringComparison.Ordinal); // never printed
    }

    [Theory]
    [InlineData("TYPO-CODE", SensorExitCodes.InvalidCode, "not known")]
    [InlineData(SensorTestReceiver.ExpiredCode, SensorExitCodes.ExpiredCode, "expired")]
    [InlineData(SensorTestReceiver.UsedCode, SensorExitCodes.AlreadyEnrolled, "already used")]
    public async Task Enroll_BadCode_ExitsWithItsCodeAndAPlainSentence(string code, int expectedExit, string phrase)
    {
        var (exit, output) = await EnrollAsync(code);

        Assert.Equal(expectedExit, exit);
        Assert.Contains(phrase, output, StringComparison.Ordinal);
        Assert.Null(new AgentStateDirectory(State).ReadCredential());
    }

    [Fact]
    public async Task Enroll_ServerUnreachable_Exits14()
    {
        var closed = new Uri($"http://127.0.0.1:{SensorTestReceiver.FreePort()}/");

        var (exit, output) = await EnrollAsync(SensorTestReceiver.GoodCode, closed);

        Assert.Equal(SensorExitCodes.Unreachable, exit);
        Assert.Contains("Cannot reach the Mamori server", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_PlainHttpToAnotherMachine_RefusedUnlessInsecureHttp()
    {
        var (exit, output) = await EnrollAsync(SensorTestReceiver.GoodCode, new Uri("http://mamori.example.jp/"));

        Assert.Equal(SensorExitCodes.InsecureServer, exit);
        Assert.Contains("https://", output, StringComparison.Ordinal);
        Assert.True(SensorClient.IsAllowed(new Uri("http://mamori.example.jp/"), allowHttp: true));
        Assert.True(SensorClient.IsAllowed(new Uri("https://mamori.example.jp/"), allowHttp: false));
    }

    [Fact]
    public async Task Enroll_AlreadyEnrolled_Exits15UnlessForced()
    {
        Assert.Equal(0, (await EnrollAsync(SensorTestReceiver.GoodCode)).Exit);

        var (again, output) = await EnrollAsync(SensorTestReceiver.GoodCode);
        var (forced, _) = await EnrollAsync(SensorTestReceiver.GoodCode, force: true);

        Assert.Equal(SensorExitCodes.StateExists, again);
        Assert.Contains("already enrolled", output, StringComparison.Ordinal);
        Assert.Equal(0, forced);
    }

    [Fact]
    public async Task Status_NotEnrolledThenEnrolled_SaysSo()
    {
        using var before = new StringWriter();
        var notEnrolled = SensorCommand.PrintStatus(State, before, TimeProvider.System);
        await EnrollAsync(SensorTestReceiver.GoodCode);
        using var after = new StringWriter();
        var enrolled = SensorCommand.PrintStatus(State, after, TimeProvider.System);

        Assert.Equal(SensorExitCodes.NotEnrolled, notEnrolled);
        Assert.Contains("Not enrolled", before.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, enrolled);
        Assert.Contains("sensor 7 for 株式会社テスト製作所 / 本社", after.ToString(), StringComparison.Ordinal);
        Assert.Contains("Queue:         0 batch(es)", after.ToString(), StringComparison.Ordinal);
        Assert.Contains("has not run yet", after.ToString(), StringComparison.Ordinal);
    }
}
