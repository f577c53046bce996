using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Telnet;

namespace Mamori.Sensor.Tests.Protocols.Telnet;

public class TelnetParserTests
{
    // In the shape of inetutils telnetd + /bin/login (Debian 12): option negotiation first,
    // character-at-a-time typing echoed by the server, one failed and one successful login.
    private static readonly Segment[] s_session =
    [
        Segment.Server([0xFF, 0xFD, 0x18, 0xFF, 0xFD, 0x20, 0xFF, 0xFA, 0x18, 0x01, 0xFF, 0xF0]),
        Segment.Client([0xFF, 0xFB, 0x18, 0xFF, 0xFA, 0x18, 0x00, (byte)'x', (byte)'t', (byte)'e', (byte)'r', (byte)'m', 0xFF, 0xF0]),
        Segment.Server("\r\nDebian GNU/Linux 12\r\nvm login: "),
        Segment.Client("r"), Segment.Server("r"),
        Segment.Client("o"), Segment.Server("o"),
        Segment.Client("t"), Segment.Server("t"),
        Segment.Client("\u007f"), Segment.Server("\b \b"),
        Segment.Client("ot\r\0"), Segment.Server("ot\r\n"),
        Segment.Server("Password: "),
        Segment.Client("hunter2\r\0"),
        Segment.Server("\r\n"),
        Segment.Server("\r\nLogin incorrect\r\nvm login: "),
        Segment.Client("alice\r\0"),
        Segment.Server("alice\r\nPassword: "),
        Segment.Client("wonderland\r\0"),
        Segment.Server("\r\nLast login: Sun Nov 22 02:00:00 UTC 2026 on pts/0\r\nalice@vm:~$ "),
        Segment.Client("ls\r\0"),
    ];

    [Fact]
    public void OnData_FailedThenSuccessfulLogin_ReportsBothWithoutPasswords()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new TelnetParser(), s_session);
        Assert.Equal([("root", LoginResult.Failure), ("alice", LoginResult.Success)], events.OfType<LoginEvent>().Select(l => (l.User!, l.Result)));
        Assert.All(events.OfType<LoginEvent>(), l => Assert.True(l.PlaintextPassword && l.Protocol == LoginProtocol.Telnet));
        Assert.DoesNotContain(events.Select(ProtocolTestKit.Describe), d => d.Contains("hunter2", StringComparison.Ordinal) || d.Contains("wonderland", StringComparison.Ordinal));
    }

    [Fact]
    public void OnData_TruncatedOrMutated_NeverInventsOutcomes()
    {
        StreamParserChecks.AssertTruncationsAreSafe(() => new TelnetParser(), s_session);
        StreamParserChecks.AssertGarbageIsSafe(() => new TelnetParser(), s_session);
    }
}
