using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols;

namespace Mamori.Sensor.Tests.Protocols;

/// <summary>Shared checks for datagram parsers: truncations and mutations never throw or invent facts.</summary>
public static class DatagramChecks
{
    public static List<MetadataEvent> Run(Func<IDatagramParser> create, int port, params (FlowDirection Direction, byte[] Payload)[] datagrams)
    {
        var sink = new CollectingSink();
        ParserContext context = ProtocolTestKit.Context(ProtocolTestKit.Flow(port, protocol: 17), sink);
        IDatagramParser parser = create();
        foreach ((FlowDirection direction, byte[] payload) in datagrams)
        {
            parser.OnDatagram(context, direction, payload);
        }

        parser.OnClose(context);
        return sink.Events;
    }

    public static void AssertTruncationsAndMutationsAreSafe(Func<IDatagramParser> create, int port, params (FlowDirection Direction, byte[] Payload)[] datagrams)
    {
        List<MetadataEvent> reference = Run(create, port, datagrams);
        for (int d = 0; d < datagrams.Length; d++)
        {
            for (int length = 0; length < datagrams[d].Payload.Length; length++)
            {
                var cut = datagrams.ToArray();
                cut[d] = (cut[d].Direction, cut[d].Payload[..length]);
                foreach (MetadataEvent metadataEvent in Run(create, port, cut))
                {
                    Assert.True(ProtocolTestKit.IsConsistentWith(metadataEvent, reference), $"datagram {d} cut at {length}: {ProtocolTestKit.Describe(metadataEvent)}");
                }
            }
        }

        var random = new Random(7);
        for (int round = 0; round < 2000; round++)
        {
            var mutated = datagrams.Select(x =>
            {
                byte[] copy = (byte[])x.Payload.Clone();
                for (int i = 0; i < 1 + random.Next(3); i++)
                {
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                }

                return (x.Direction, copy);
            }).ToArray();
            Run(create, port, mutated);
        }
    }
}
