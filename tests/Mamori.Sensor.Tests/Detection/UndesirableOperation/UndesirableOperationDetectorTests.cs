using Mamori.Sensor.Detection;
using Mamori.Sensor.Detection.UndesirableOperation;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Tests.Detection.UndesirableOperation;

public class UndesirableOperationDetectorTests
{
    private static UndesirableOperationDetector Create() => new(new UndesirableOperationOptions { PrivilegedAccounts = ["administrator", "admin", "root", "sa"] }, 100);

    [Fact]
    public void OnEvent_PlaintextPassword_SaysSoWithoutThePassword()
    {
        var login = Ev.Login(0, "10.0.0.5", "10.0.0.9", LoginProtocol.Ftp, LoginResult.Success, "hanako", plaintext: true);
        var alert = Assert.Single(Ev.Run(Create(), [login, login with { Timestamp = Ev.T0.AddHours(1) }]));
        Assert.Equal(AlertType.PlaintextPassword, alert.Type);
        Assert.Equal(KillChainStage.None, alert.KillChain);
        Assert.Equal(2, alert.Count);
        Assert.Contains("A password was sent unencrypted over FTP for user \"hanako\"", alert.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Administrator", true)]
    [InlineData("CORP\\admin", true)]
    [InlineData("root@example.jp", true)]
    [InlineData("sa", true)]
    [InlineData("taro", false)]
    [InlineData(null, false)]
    public void IsPrivileged_ConfiguredNames(string? user, bool expected) => Assert.Equal(expected, Create().IsPrivileged(user));

    [Fact]
    public void OnEvent_PrivilegedSuccessfulLogin_Alert_FailureNot()
    {
        var ok = Ev.Login(0, "10.0.0.5", "10.0.0.9", LoginProtocol.Ssh, LoginResult.Success, "root", 22);
        var failed = Ev.Login(0, "10.0.0.6", "10.0.0.9", LoginProtocol.Ssh, LoginResult.Failure, "root", 22);
        var alert = Assert.Single(Ev.Run(Create(), [ok, failed]));
        Assert.Equal(AlertType.PrivilegedAccount, alert.Type);
        Assert.Equal("10.0.0.5", alert.Src.Ip);
    }

    [Fact]
    public void OnEvent_ProcessStartedByAdministrator_Alert() =>
        Assert.Single(Ev.Run(Create(), [Ev.Process(@"C:\Windows\notepad.exe", user: "PC01\\Administrator")]));
}
