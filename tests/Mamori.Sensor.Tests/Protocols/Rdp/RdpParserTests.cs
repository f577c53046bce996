using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Rdp;

namespace Mamori.Sensor.Tests.Protocols.Rdp;

public class RdpParserTests
{
    // The Connection Request PDU of [MS-RDPBCGR] §4.1.1 (no RDP client ships in the test image).
    private static readonly byte[] s_connectionRequest = Convert.FromHexString(
        "0300002c27e00000000000436f6f6b69653a206d737473686173683d656c746f6e730d0a0100080000000000");

    private static readonly byte[] s_connectionConfirm = Convert.FromHexString("030000130ed000001234000200080000000000");

    [Fact]
    public void OnData_ConnectionRequestCookie_ReportsUserWithUnknownResult()
    {
        LoginEvent login = Assert.IsType<LoginEvent>(Assert.Single(ProtocolTestKit.RunStream(() => new RdpParser(),
            [Segment.Client(s_connectionRequest), Segment.Server(s_connectionConfirm), Segment.Client([3, 0, 0, 8, 2, 0xF0, 0x80, 0x7F])])));
        Assert.Equal((LoginProtocol.Rdp, "eltons", LoginResult.Unknown, false), (login.Protocol, login.User, login.Result, login.PlaintextPassword));
    }

    [Fact]
    public void OnData_SplitTruncatedOrMutated_Safe()
    {
        Segment[] segments = [Segment.Client(s_connectionRequest), Segment.Server(s_connectionConfirm)];
        StreamParserChecks.AssertSplitInvariant(() => new RdpParser(), segments);
        StreamParserChecks.AssertTruncationsAreSafe(() => new RdpParser(), segments);
        StreamParserChecks.AssertGarbageIsSafe(() => new RdpParser(), segments);
    }
}
