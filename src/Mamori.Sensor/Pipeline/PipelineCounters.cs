using Mamori.Sensor.Capture;
using Mamori.Sensor.Engine;

namespace Mamori.Sensor.Pipeline;

/// <summary>
/// What a <see cref="SensorPipeline"/> has seen, summed over every capture it read: the figures a
/// sensor's heartbeat and <c>mamori analyze</c>'s summary show.
/// </summary>
public sealed class PipelineCounters
{
    private readonly Dictionary<string, long> _eventsByKind = new(StringComparer.Ordinal);

    /// <summary>Captures read to the end (or until cancelled).</summary>
    public int Captures { get; internal set; }

    /// <summary>Packets decoded.</summary>
    public long Packets { get; internal set; }

    /// <summary>Captured bytes decoded.</summary>
    public long Bytes { get; internal set; }

    /// <summary>Flows the traffic engine created.</summary>
    public long Flows { get; internal set; }

    /// <summary>Flows evicted because the flow table was full.</summary>
    public long FlowsEvicted { get; internal set; }

    /// <summary>Packets the capture lost (kernel, interface, or recorded as dropped in the file).</summary>
    public long CaptureDrops { get; internal set; }

    /// <summary>Malformed capture records skipped.</summary>
    public long CaptureErrors { get; internal set; }

    /// <summary>Packets whose headers were malformed or cut short.</summary>
    public long DecodeErrors { get; internal set; }

    /// <summary>Exceptions thrown by application parsers (the parser is dropped for that flow).</summary>
    public long ParserErrors { get; internal set; }

    /// <summary>Events handed to the detectors, from captures and from logs.</summary>
    public long Events { get; internal set; }

    /// <summary>Events handed to the detectors, by <see cref="Events.MetadataEvent.Kind"/>.</summary>
    public IReadOnlyDictionary<string, long> EventsByKind => _eventsByKind;

    /// <summary>Distinct alerts raised (later updates of an open alert are not counted again).</summary>
    public long Alerts { get; internal set; }

    internal void CountEvent(string kind)
    {
        Events++;
        _eventsByKind[kind] = _eventsByKind.GetValueOrDefault(kind) + 1;
    }

    internal void AddCapture(EngineCounters engine, CaptureStatistics capture)
    {
        Captures++;
        Packets += engine.Packets;
        Bytes += engine.Bytes;
        Flows += engine.Flows;
        FlowsEvicted += engine.FlowsEvicted;
        CaptureDrops += capture.Dropped + capture.InterfaceDropped;
        CaptureErrors += capture.BadRecords;
        DecodeErrors += engine.DecodeErrors;
        ParserErrors += engine.ParserErrors;
    }
}
