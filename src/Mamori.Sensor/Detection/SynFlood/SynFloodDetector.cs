using System.Globalization;
using System.Net;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Detection.SynFlood;

/// <summary>
/// SYN flood: the rate of half-open TCP connections to one destination (address and port),
/// whatever the sources (a flood often spoofs random ones).
/// </summary>
public sealed class SynFloodDetector : IDetector
{
    private readonly SynFloodOptions _options;
    private readonly BoundedStateTable<(IPAddress Dst, int Port), FloodState> _targets;
    private IAlertSink? _sink;

    /// <summary>Creates the detector.</summary>
    public SynFloodDetector(SynFloodOptions options, int maxTrackedKeys)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _targets = new(maxTrackedKeys, options.Window + options.Window, _ => new FloodState());
        _targets.Removing = (key, state) => FlushOne(key, state, _sink);
    }

    /// <inheritdoc />
    public string Name => "syn_flood";

    /// <inheritdoc />
    public DetectorStats Stats => DetectorStats.Of(_targets);

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent, IAlertSink sink)
    {
        if (metadataEvent is not ConnectionEvent { Flow: { } flow } connection || !ConnectionStates.IsHalfOpen(connection))
        {
            return;
        }

        _sink = sink;
        var now = connection.Start == default ? connection.Timestamp : connection.Start;
        var key = (flow.Responder.Address, flow.Responder.Port);
        var state = _targets.Touch(key, now);
        var expired = state.Alerted ? now - state.LastSeen > _options.Window : state.IsExpired(now, _options.Window);
        if (state.Count > 0 && expired)
        {
            FlushOne(key, state, sink);
            state.Restart(now);
        }

        state.Add(now);
        if (state.Sources.Add(flow.Originator.Address.GetHashCode()))
        {
            state.LastSource = flow.Originator.Address;
        }

        if (state.Count >= _options.HalfOpen && state.ShouldReport())
        {
            sink.OnAlert(ToAlert(key, state));
        }
    }

    /// <inheritdoc />
    public void Flush(IAlertSink sink)
    {
        foreach (var (key, state) in _targets.Entries())
        {
            FlushOne(key, state, sink);
        }
    }

    private static void FlushOne((IPAddress Dst, int Port) key, FloodState state, IAlertSink? sink)
    {
        if (sink is not null && state.HasUnreported)
        {
            state.MarkReported();
            sink.OnAlert(ToAlert(key, state));
        }
    }

    private static Alert ToAlert((IPAddress Dst, int Port) key, FloodState state)
    {
        var sources = state.Sources.Count;
        var seconds = Math.Max(1, (state.LastSeen - state.FirstSeen).TotalSeconds);
        var src = sources == 1
            ? AlertEndpoints.Host(state.LastSource)
            : new AlertEndpoint(null, null, string.Create(CultureInfo.InvariantCulture, $"{sources} source addresses"));
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{state.Count} half-open TCP connections to {key.Dst} port {key.Port} from {sources} source address(es) in {AlertEndpoints.Span(state.LastSeen - state.FirstSeen)} ({state.Count / seconds:0} per second)");
        return Alert.Create(AlertType.SynFlood, AlertSeverity.Medium, src, new AlertEndpoint(key.Dst.ToString(), key.Port, null),
            state.FirstSeen, state.LastSeen, state.Count, evidence, key.Dst + "|" + key.Port);
    }

    private sealed class FloodState : Episode
    {
        public DistinctCounter Sources { get; } = new();
        public IPAddress? LastSource { get; set; }

        protected override void OnRestart() => Sources.Clear();
    }
}
