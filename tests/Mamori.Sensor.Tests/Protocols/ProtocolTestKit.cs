using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols;

namespace Mamori.Sensor.Tests.Protocols;

/// <summary>Collects events in order.</summary>
public sealed class CollectingSink : IEventSink
{
    public List<MetadataEvent> Events { get; } = [];

    public void OnEvent(MetadataEvent metadataEvent) => Events.Add(metadataEvent);

    public IEnumerable<T> OfType<T>() => Events.OfType<T>();
}

/// <summary>One chunk of a TCP stream as the reassembler would hand it over.</summary>
public readonly record struct Segment(FlowDirection Direction, byte[] Data)
{
    public static Segment Client(string text) => new(FlowDirection.ToResponder, Encoding.ASCII.GetBytes(text));

    public static Segment Server(string text) => new(FlowDirection.ToOriginator, Encoding.ASCII.GetBytes(text));

    public static Segment Client(byte[] data) => new(FlowDirection.ToResponder, data);

    public static Segment Server(byte[] data) => new(FlowDirection.ToOriginator, data);
}

/// <summary>Drives parsers the way the flow engine does and compares what they report.</summary>
public static class ProtocolTestKit
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    public static FlowInfo Flow(int responderPort, byte protocol = 6, string uid = "Ctest") => new()
    {
        Uid = uid,
        CommunityId = "1:test",
        Protocol = protocol,
        Originator = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 50000),
        Responder = new IPEndPoint(IPAddress.Parse("192.0.2.20"), responderPort),
    };

    public static ParserContext Context(FlowInfo flow, IEventSink sink) => new(flow, Epoch, sink);

    /// <summary>Feeds the segments in order and closes the stream.</summary>
    public static List<MetadataEvent> RunStream(Func<IStreamParser> create, IEnumerable<Segment> segments, int port = 0)
    {
        var sink = new CollectingSink();
        ParserContext context = Context(Flow(port), sink);
        IStreamParser parser = create();
        foreach (Segment segment in segments)
        {
            parser.OnData(context, segment.Direction, segment.Data);
        }

        parser.OnClose(context);
        return sink.Events;
    }

    /// <summary>Joins consecutive segments of the same direction into one run each.</summary>
    public static List<Segment> Coalesce(IEnumerable<Segment> segments)
    {
        var runs = new List<Segment>();
        foreach (Segment segment in segments)
        {
            if (runs.Count > 0 && runs[^1].Direction == segment.Direction)
            {
                runs[^1] = runs[^1] with { Data = [.. runs[^1].Data, .. segment.Data] };
            }
            else
            {
                runs.Add(segment);
            }
        }

        return runs;
    }

    /// <summary>The same conversation with segment <paramref name="index"/> cut in two at <paramref name="at"/>.</summary>
    public static List<Segment> SplitAt(IReadOnlyList<Segment> segments, int index, int at)
    {
        var result = new List<Segment>(segments.Count + 1);
        for (int i = 0; i < segments.Count; i++)
        {
            if (i == index && at > 0 && at < segments[i].Data.Length)
            {
                result.Add(segments[i] with { Data = segments[i].Data[..at] });
                result.Add(segments[i] with { Data = segments[i].Data[at..] });
            }
            else
            {
                result.Add(segments[i]);
            }
        }

        return result;
    }

    /// <summary>The conversation cut after <paramref name="length"/> bytes in total.</summary>
    public static List<Segment> Truncate(IReadOnlyList<Segment> segments, int length)
    {
        var result = new List<Segment>();
        foreach (Segment segment in segments)
        {
            if (length <= 0)
            {
                break;
            }

            result.Add(segment.Data.Length <= length ? segment : segment with { Data = segment.Data[..length] });
            length -= segment.Data.Length;
        }

        return result;
    }

    /// <summary>Stable text form of an event, for comparing runs.</summary>
    public static string Describe(MetadataEvent metadataEvent)
    {
        var text = new StringBuilder(metadataEvent.GetType().Name);
        foreach (PropertyInfo property in metadataEvent.GetType().GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (property.Name is nameof(MetadataEvent.Flow) or "EqualityContract")
            {
                continue;
            }

            text.Append(' ').Append(property.Name).Append('=').Append(Format(property.GetValue(metadataEvent)));
        }

        return text.ToString();
    }

    /// <summary>
    /// True when a partial run's event says nothing the full run contradicts: every string,
    /// address and enum it sets (other than "unknown") matches some full-run event of its type.
    /// </summary>
    public static bool IsConsistentWith(MetadataEvent partial, IEnumerable<MetadataEvent> full) =>
        full.Where(f => f.GetType() == partial.GetType()).Any(f => Agrees(partial, f));

    private static bool Agrees(MetadataEvent partial, MetadataEvent full)
    {
        foreach (PropertyInfo property in partial.GetType().GetProperties())
        {
            if (property.Name is nameof(MetadataEvent.Flow) or nameof(MetadataEvent.Timestamp) or "EqualityContract")
            {
                continue;
            }

            object? value = property.GetValue(partial);
            bool comparable = value is string or IPAddress or System.Net.NetworkInformation.PhysicalAddress
                || (value is Enum e && Convert.ToInt32(e, CultureInfo.InvariantCulture) != 0);
            if (comparable && Format(value) != Format(property.GetValue(full)))
            {
                return false;
            }
        }

        return true;
    }

    private static string Format(object? value) => value switch
    {
        null => "-",
        string s => s,
        IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
