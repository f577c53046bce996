using System.Buffers.Binary;
using Mamori.Sensor.Capture;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Engine;
using Mamori.Sensor.Events;
using Mamori.Sensor.Inputs;

namespace Mamori.Sensor.Pipeline;

/// <summary>
/// The sensor end to end, one way: a capture source (pcap/pcapng file or live interface) →
/// <see cref="TrafficEngine"/> → <see cref="MetadataEvent"/>s → <see cref="DetectionEngine"/> → alerts.
/// <c>mamori analyze</c> and the sensor agent both run it; logs (EVE, Zeek, host JSON) join the same
/// stream of events. Single-threaded: one pipeline per analysis or per capture interface.
/// </summary>
public sealed class SensorPipeline : IEventSink
{
    /// <summary>Capture errors reported per capture before the rest are only counted.</summary>
    public const int MaxReportedCaptureErrors = 20;

    private readonly TrafficEngineOptions _trafficOptions;

    /// <summary>Creates a pipeline.</summary>
    /// <param name="detection">The detectors (with their options and threat intelligence); a default engine when null.</param>
    /// <param name="trafficOptions">Flow table limits and parser choice; defaults when null.</param>
    public SensorPipeline(DetectionEngine? detection = null, TrafficEngineOptions? trafficOptions = null)
    {
        Detection = detection ?? new DetectionEngine();
        _trafficOptions = trafficOptions ?? new TrafficEngineOptions();
        Detection.Alerts.NewAlert += _ => Counters.Alerts++;
    }

    /// <summary>The detectors alerts come from.</summary>
    public DetectionEngine Detection { get; }

    /// <summary>Counters over everything the pipeline read.</summary>
    public PipelineCounters Counters { get; } = new();

    /// <summary>
    /// Whether <paramref name="head"/> (the first bytes of a file) is a pcap or pcapng capture. Decided by
    /// the magic number, never by the file name.
    /// </summary>
    public static bool IsCapture(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4)
        {
            return false;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(head);
        return magic is PcapLayout.MagicMicroseconds or PcapLayout.MagicNanoseconds
            or PcapLayout.MagicMicrosecondsSwapped or PcapLayout.MagicNanosecondsSwapped
            or PcapngLayout.SectionHeaderBlock;
    }

    /// <summary>Whether the file at <paramref name="path"/> starts with a pcap or pcapng magic number.</summary>
    public static bool IsCaptureFile(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && IsCapture(head);
    }

    /// <summary>
    /// Runs every packet of <paramref name="source"/> through the traffic engine into the detectors
    /// (push mode, for a live interface or a single capture). Call <see cref="Complete"/> at the end of input.
    /// </summary>
    /// <param name="source">Packets; read to its end or until <paramref name="cancellationToken"/> fires.</param>
    /// <param name="progress">Called every few thousand packets (a progress bar, a heartbeat).</param>
    /// <param name="cancellationToken">Stops reading; open flows are still ended and their events detected.</param>
    /// <returns>The traffic engine's counters for this source.</returns>
    public EngineCounters Run(ICaptureSource source, Action<ICaptureSource>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var engine = new TrafficEngine(this, _trafficOptions);
        engine.Run(source, progress, cancellationToken);
        Counters.AddCapture(engine.Counters, source.Statistics);
        return engine.Counters;
    }

    /// <summary>
    /// The events of a capture, pulled packet by packet (so a capture can be merged in time order
    /// with log files). The events are not yet detected: hand them to <see cref="OnEvent"/>.
    /// </summary>
    /// <param name="source">Packets; disposed when the enumeration ends.</param>
    /// <param name="name">Name for error messages (the file name).</param>
    /// <param name="errors">Receives the first <see cref="MaxReportedCaptureErrors"/> malformed records; all are counted.</param>
    /// <param name="progress">Called with the bytes consumed so far.</param>
    public IEnumerable<MetadataEvent> ReadCapture(ICaptureSource source, string name, ICollection<InputError>? errors = null, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(name);
        return ReadCaptureIterator(source, name, errors, progress);
    }

    /// <summary>
    /// The events of one input file: a capture (recognised by its magic number) through the traffic
    /// engine, anything else through <see cref="EventFileReader"/> (Suricata EVE, Zeek JSON, Windows
    /// process logs). Problems go to <paramref name="errors"/>; reading goes on where it can.
    /// </summary>
    public IEnumerable<MetadataEvent> ReadFile(string path, ICollection<InputError> errors, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(errors);
        if (!IsCaptureFile(path))
        {
            return EventFileReader.Read(path, errors, progress);
        }

        ICaptureSource source;
        try
        {
            source = CaptureReader.Open(path);
        }
        catch (CaptureFormatException exception)
        {
            errors.Add(new InputError(path, 0, exception.Message));
            return [];
        }

        return ReadCaptureIterator(source, path, errors, progress);
    }

    /// <summary>Hands one event to the detectors.</summary>
    public void OnEvent(MetadataEvent metadataEvent)
    {
        ArgumentNullException.ThrowIfNull(metadataEvent);
        Counters.CountEvent(metadataEvent.Kind);
        Detection.OnEvent(metadataEvent);
    }

    /// <summary>Hands a stream of events (e.g. merged inputs) to the detectors.</summary>
    public void Consume(IEnumerable<MetadataEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var metadataEvent in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            OnEvent(metadataEvent);
        }
    }

    /// <summary>End of input: every detector reports its final counts. Returns the alerts, most severe first.</summary>
    public IReadOnlyList<Alert> Complete()
    {
        Detection.Flush();
        return [.. Detection.Alerts.ToList().OrderByDescending(a => a.Severity).ThenBy(a => a.FirstSeen)];
    }

    private IEnumerable<MetadataEvent> ReadCaptureIterator(ICaptureSource source, string name, ICollection<InputError>? errors, Action<long>? progress)
    {
        var pending = new Queue<MetadataEvent>();
        var reported = 0;
        void OnCaptureError(CaptureError error)
        {
            if (errors is not null && reported++ < MaxReportedCaptureErrors)
            {
                errors.Add(new InputError(name, 0, error.ToString()));
            }
        }

        using (source)
        using (var engine = new TrafficEngine(new QueueSink(pending), _trafficOptions))
        {
            source.Statistics.ErrorReported += OnCaptureError;
            try
            {
                var countdown = ProgressInterval;
                while (ProcessNext(source, engine))
                {
                    while (pending.TryDequeue(out var metadataEvent))
                    {
                        yield return metadataEvent;
                    }

                    if (--countdown == 0)
                    {
                        countdown = ProgressInterval;
                        progress?.Invoke(source.Position);
                    }
                }

                engine.Complete();
                while (pending.TryDequeue(out var metadataEvent))
                {
                    yield return metadataEvent;
                }

                progress?.Invoke(source.Position);
            }
            finally
            {
                source.Statistics.ErrorReported -= OnCaptureError;
                Counters.AddCapture(engine.Counters, source.Statistics);
            }
        }
    }

    private const int ProgressInterval = 4096;

    /// <summary>Reads and decodes one packet; false at the end of the capture. Kept out of the iterator: a packet is a ref struct.</summary>
    private static bool ProcessNext(ICaptureSource source, TrafficEngine engine)
    {
        if (!source.TryReadPacket(out var packet))
        {
            return false;
        }

        engine.Process(packet);
        return true;
    }

    private sealed class QueueSink(Queue<MetadataEvent> queue) : IEventSink
    {
        public void OnEvent(MetadataEvent metadataEvent) => queue.Enqueue(metadataEvent);
    }
}
