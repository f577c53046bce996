using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols;

namespace Mamori.Sensor.Tests.Protocols;

/// <summary>
/// The checks every stream parser must pass (STYLE §6.8): the same bytes split anywhere give
/// the same events, every truncation is survived without inventing facts, garbage never throws.
/// </summary>
public static class StreamParserChecks
{
    public static List<MetadataEvent> AssertSplitInvariant(Func<IStreamParser> create, IReadOnlyList<Segment> segments)
    {
        List<Segment> whole = ProtocolTestKit.Coalesce(segments);
        List<MetadataEvent> reference = ProtocolTestKit.RunStream(create, whole);
        string[] expected = [.. reference.Select(ProtocolTestKit.Describe)];
        for (int index = 0; index < whole.Count; index++)
        {
            for (int at = 1; at < whole[index].Data.Length; at++)
            {
                List<MetadataEvent> events = ProtocolTestKit.RunStream(create, ProtocolTestKit.SplitAt(whole, index, at));
                string[] actual = [.. events.Select(ProtocolTestKit.Describe)];
                Assert.True(expected.SequenceEqual(actual), $"split of run {index} at {at} changed the events:\n{string.Join("\n", actual)}\nexpected:\n{string.Join("\n", expected)}");
            }
        }

        // Byte by byte as the most extreme split.
        var bytes = whole.SelectMany(s => s.Data.Select(b => s with { Data = [b] })).ToList();
        string[] single = [.. ProtocolTestKit.RunStream(create, bytes).Select(ProtocolTestKit.Describe)];
        Assert.Equal(expected, single);
        return reference;
    }

    public static void AssertTruncationsAreSafe(Func<IStreamParser> create, IReadOnlyList<Segment> segments)
    {
        List<Segment> whole = ProtocolTestKit.Coalesce(segments);
        List<MetadataEvent> reference = ProtocolTestKit.RunStream(create, whole);
        int total = whole.Sum(s => s.Data.Length);
        for (int length = 0; length < total; length++)
        {
            List<MetadataEvent> events = ProtocolTestKit.RunStream(create, ProtocolTestKit.Truncate(whole, length));
            foreach (MetadataEvent metadataEvent in events)
            {
                Assert.True(ProtocolTestKit.IsConsistentWith(metadataEvent, reference),
                    $"truncated at {length}: {ProtocolTestKit.Describe(metadataEvent)} is not in the full run");
            }
        }
    }

    public static void AssertGarbageIsSafe(Func<IStreamParser> create, IReadOnlyList<Segment> segments, int seed = 1)
    {
        var random = new Random(seed);
        List<Segment> whole = ProtocolTestKit.Coalesce(segments);
        for (int round = 0; round < 300; round++)
        {
            var mutated = whole.Select(s =>
            {
                byte[] data = (byte[])s.Data.Clone();
                int flips = 1 + random.Next(4);
                for (int i = 0; i < flips && data.Length > 0; i++)
                {
                    data[random.Next(data.Length)] = (byte)random.Next(256);
                }

                return s with { Data = data };
            }).ToList();
            ProtocolTestKit.RunStream(create, mutated);

            var sink = new CollectingSink();
            ParserContext context = ProtocolTestKit.Context(ProtocolTestKit.Flow(0), sink);
            IStreamParser parser = create();
            byte[] noise = new byte[random.Next(1, 600)];
            random.NextBytes(noise);
            parser.OnData(context, (FlowDirection)(round & 1), noise);
            parser.OnGap(context, FlowDirection.ToResponder, 100);
            parser.OnData(context, FlowDirection.ToResponder, noise);
            parser.OnClose(context);
        }
    }
}
