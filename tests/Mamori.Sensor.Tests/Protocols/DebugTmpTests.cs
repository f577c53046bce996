namespace Mamori.Sensor.Tests.Protocols;

public class DebugTmpTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        string? path = Environment.GetEnvironmentVariable("MAMORI_DEBUG_PCAP");
        if (path is null)
        {
            return;
        }

        foreach (var e in TrafficLab.Replay(path))
        {
            output.WriteLine(e.Flow?.Uid + " " + ProtocolTestKit.Describe(e));
        }
    }
}
