using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols;
using Mamori.Sensor.Protocols.Http;
using Mamori.Sensor.Protocols.Smb;
using Mamori.Sensor.Protocols.Tls;
using Mamori.Sensor.Tests.TestSupport;

namespace Mamori.Sensor.Tests.Protocols;

/// <summary>
/// Once a connection's metadata is out, the bulk of its bytes (bodies, encrypted records,
/// file transfers) must cost no allocation (STYLE §6.9).
/// </summary>
public class SteadyStateAllocationTests
{
    [Fact]
    public void OnData_HttpBodySegments_AllocateNothing()
    {
        var parser = new HttpParser();
        ParserContext context = ProtocolTestKit.Context(ProtocolTestKit.Flow(80), new CollectingSink());
        parser.OnData(context, FlowDirection.ToResponder, "GET /big HTTP/1.1\r\nHost: a\r\n\r\n"u8);
        parser.OnData(context, FlowDirection.ToOriginator, "HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n"u8);
        byte[] segment = new byte[1448];
        AssertNoAllocation(() => parser.OnData(context, FlowDirection.ToOriginator, segment));
    }

    [Fact]
    public void OnData_TlsApplicationData_AllocatesNothing()
    {
        var parser = new TlsParser();
        ParserContext context = ProtocolTestKit.Context(ProtocolTestKit.Flow(443), new CollectingSink());
        byte[] record = [0x17, 0x03, 0x03, 0x05, 0x00, .. new byte[1280]];
        parser.OnData(context, FlowDirection.ToResponder, record);
        AssertNoAllocation(() =>
        {
            parser.OnData(context, FlowDirection.ToResponder, record);
            parser.OnData(context, FlowDirection.ToOriginator, record);
        });
    }

    [Fact]
    public void OnData_SmbReadResponses_AllocateNothing()
    {
        var parser = new SmbParser();
        ParserContext context = ProtocolTestKit.Context(ProtocolTestKit.Flow(445), new CollectingSink());
        byte[] frame = [0, 0x01, 0x00, 0x40, .. new byte[1444]];
        parser.OnData(context, FlowDirection.ToOriginator, frame);
        AssertNoAllocation(() => parser.OnData(context, FlowDirection.ToOriginator, new ReadOnlySpan<byte>(frame, 4, 1444)));
    }

    private static void AssertNoAllocation(Action action)
    {
        Assert.Equal(0, AllocationMeter.LeastOf(3, () =>
        {
            for (int i = 0; i < 1000; i++)
            {
                action();
            }
        }));
    }
}
