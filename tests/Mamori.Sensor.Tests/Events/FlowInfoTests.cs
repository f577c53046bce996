using System.Net;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Tests.Events;

public class FlowInfoTests
{
    [Fact]
    public void Endpoints_AreKeptAsGiven()
    {
        var flow = new FlowInfo
        {
            Uid = "C1",
            CommunityId = "1:x",
            Protocol = 6,
            Originator = new IPEndPoint(IPAddress.Parse("10.0.0.5"), 50000),
            Responder = new IPEndPoint(IPAddress.Parse("10.0.0.9"), 21),
        };
        Assert.Equal(21, flow.Responder.Port);
    }
}
