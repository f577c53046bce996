using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Ftp;

namespace Mamori.Sensor.Tests.Protocols.Ftp;

public class FtpParserTests
{
    // Recorded from curl 7.88 against vsftpd 3.0.3 (Debian 12) in a network namespace.
    private static readonly Segment[] s_failed =
    [
        Segment.Server("220 (vsFTPd 3.0.3)\r\n"),
        Segment.Client("USER nobody1\r\n"),
        Segment.Server("331 Please specify the password.\r\n"),
        Segment.Client("PASS wrong1\r\n"),
        Segment.Server("530 Login incorrect.\r\n"),
    ];

    private static readonly Segment[] s_anonymous =
    [
        Segment.Server("220 (vsFTPd 3.0.3)\r\n"),
        Segment.Client("USER anonymous\r\n"),
        Segment.Server("331 Please specify the password.\r\n"),
        Segment.Client("PASS guest2@example.test\r\n"),
        Segment.Server("230 Login successful.\r\n"),
        Segment.Client("PWD\r\n"),
        Segment.Server("257 \"/srv\" is the current directory\r\n"),
        Segment.Client("QUIT\r\n"),
        Segment.Server("221 Goodbye.\r\n"),
    ];

    [Fact]
    public void OnData_WrongPassword_ReportsFailureWithoutPassword()
    {
        LoginEvent login = Assert.IsType<LoginEvent>(Assert.Single(ProtocolTestKit.RunStream(() => new FtpParser(), s_failed)));
        Assert.Equal((LoginProtocol.Ftp, "nobody1", LoginResult.Failure, true, "530"), (login.Protocol, login.User, login.Result, login.PlaintextPassword, login.Status));
        Assert.DoesNotContain("wrong1", ProtocolTestKit.Describe(login), StringComparison.Ordinal);
    }

    [Fact]
    public void OnData_AnonymousLogin_ReportsSuccess()
    {
        LoginEvent login = Assert.IsType<LoginEvent>(Assert.Single(ProtocolTestKit.RunStream(() => new FtpParser(), s_anonymous)));
        Assert.Equal((LoginResult.Success, "anonymous", "230"), (login.Result, login.User, login.Status));
    }

    [Fact]
    public void OnData_MultiLineReplyAndAuthTls_WaitsForFinalLineThenStops()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new FtpParser(),
        [
            Segment.Client("USER a\r\nPASS b\r\n"),
            Segment.Server("230-Welcome\r\n230-More\r\n230 Done\r\n"),
            Segment.Client("AUTH TLS\r\n"),
            Segment.Server("234 Proceed\r\n"),
            Segment.Client("USER c\r\nPASS d\r\n"),
            Segment.Server("530 no\r\n"),
        ]);
        LoginEvent login = Assert.IsType<LoginEvent>(Assert.Single(events));
        Assert.Equal(LoginResult.Success, login.Result);
    }

    [Fact]
    public void OnData_SplitAnywhere_SameEvents()
    {
        StreamParserChecks.AssertSplitInvariant(() => new FtpParser(), s_failed);
        StreamParserChecks.AssertSplitInvariant(() => new FtpParser(), s_anonymous);
    }

    [Fact]
    public void OnData_EveryTruncation_NoWrongEvents()
    {
        StreamParserChecks.AssertTruncationsAreSafe(() => new FtpParser(), s_failed);
        StreamParserChecks.AssertTruncationsAreSafe(() => new FtpParser(), s_anonymous);
    }

    [Fact]
    public void OnData_Garbage_NeverThrows() => StreamParserChecks.AssertGarbageIsSafe(() => new FtpParser(), s_anonymous);
}
