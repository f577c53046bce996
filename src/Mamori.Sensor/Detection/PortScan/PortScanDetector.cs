using System.Globalization;
using System.Net;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Detection.PortScan;

/// <summary>
/// Vertical (many ports on one host) and horizontal (one port across many hosts, or a few ports
/// across several hosts) scans, counted from unsuccessful connection attempts
/// (<see cref="ConnectionStates.IsFailedAttempt"/>).
/// </summary>
public sealed class PortScanDetector : IDetector
{
    private readonly PortScanOptions _options;
    private readonly BoundedStateTable<(IPAddress Src, IPAddress Dst), ScanState> _vertical;
    private readonly BoundedStateTable<(IPAddress Src, int Port), ScanState> _horizontal;
    private readonly BoundedStateTable<IPAddress, ScanState> _sweep;
    private IAlertSink? _sink;

    /// <summary>Creates the detector.</summary>
    public PortScanDetector(PortScanOptions options, int maxTrackedKeys)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _vertical = new(maxTrackedKeys, options.Window, _ => new ScanState());
        _horizontal = new(maxTrackedKeys, options.Window, _ => new ScanState());
        _sweep = new(maxTrackedKeys, options.Window, _ => new ScanState());
        _vertical.Removing = (key, state) =>
        {
            if (state.HasUnreported)
            {
                Report(VerticalAlert(key, state), state, _sink);
            }
        };
        _horizontal.Removing = (key, state) =>
        {
            if (state.HasUnreported)
            {
                Report(HorizontalAlert(key, state), state, _sink);
            }
        };
        _sweep.Removing = (key, state) =>
        {
            if (state.HasUnreported)
            {
                Report(SweepAlert(key, state), state, _sink);
            }
        };
    }

    /// <inheritdoc />
    public string Name => "port_scan";

    /// <inheritdoc />
    public DetectorStats Stats => DetectorStats.Of(_vertical) + DetectorStats.Of(_horizontal) + DetectorStats.Of(_sweep);

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent, IAlertSink sink)
    {
        if (metadataEvent is not ConnectionEvent { Flow: { } flow } connection
            || flow.Protocol is not (6 or 17)
            || !ConnectionStates.IsFailedAttempt(connection))
        {
            return;
        }

        _sink = sink;
        var now = connection.Start == default ? connection.Timestamp : connection.Start;
        var src = flow.Originator.Address;
        var dst = flow.Responder.Address;
        var port = flow.Responder.Port;

        var vertical = _vertical.Touch((src, dst), now);
        if (IsOver(vertical, now))
        {
            if (vertical.HasUnreported)
            {
                Report(VerticalAlert((src, dst), vertical), vertical, sink);
            }

            vertical.Restart(now);
        }

        vertical.Add(now);
        vertical.Distinct.Add(port);
        vertical.Protocol = flow.Protocol;
        if (vertical.Distinct.Count >= _options.VerticalPorts && vertical.ShouldReport())
        {
            sink.OnAlert(VerticalAlert((src, dst), vertical));
        }

        if (vertical.Distinct.Count >= _options.SweepPorts)
        {
            var sweep = _sweep.Touch(src, now);
            if (IsOver(sweep, now))
            {
                if (sweep.HasUnreported)
                {
                    Report(SweepAlert(src, sweep), sweep, sink);
                }

                sweep.Restart(now);
            }

            sweep.Add(now);
            sweep.Distinct.Add(dst.GetHashCode());
            sweep.Protocol = flow.Protocol;
            if (sweep.Distinct.Count >= _options.SweepHosts && sweep.ShouldReport())
            {
                sink.OnAlert(SweepAlert(src, sweep));
            }
        }

        var horizontal = _horizontal.Touch((src, port), now);
        if (IsOver(horizontal, now))
        {
            if (horizontal.HasUnreported)
            {
                Report(HorizontalAlert((src, port), horizontal), horizontal, sink);
            }

            horizontal.Restart(now);
        }

        horizontal.Add(now);
        horizontal.Distinct.Add(dst.GetHashCode());
        horizontal.Protocol = flow.Protocol;
        if (horizontal.Distinct.Count >= _options.HorizontalHosts && horizontal.ShouldReport())
        {
            sink.OnAlert(HorizontalAlert((src, port), horizontal));
        }
    }

    /// <inheritdoc />
    public void Flush(IAlertSink sink)
    {
        foreach (var (key, state) in _vertical.Entries())
        {
            if (state.HasUnreported)
            {
                Report(VerticalAlert(key, state), state, sink);
            }
        }

        foreach (var (key, state) in _horizontal.Entries())
        {
            if (state.HasUnreported)
            {
                Report(HorizontalAlert(key, state), state, sink);
            }
        }

        foreach (var (key, state) in _sweep.Entries())
        {
            if (state.HasUnreported)
            {
                Report(SweepAlert(key, state), state, sink);
            }
        }
    }

    // The episode's window has passed (for an alerted episode: the scan went quiet for a window).
    private bool IsOver(ScanState state, DateTimeOffset now) =>
        state.Count > 0 && (state.Alerted ? now - state.LastSeen > _options.Window : state.IsExpired(now, _options.Window));

    private static void Report(Alert alert, ScanState state, IAlertSink? sink)
    {
        if (sink is not null && state.HasUnreported)
        {
            state.MarkReported();
            sink.OnAlert(alert);
        }
    }

    private static Alert VerticalAlert((IPAddress Src, IPAddress Dst) key, ScanState state)
    {
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{key.Src} probed {state.Distinct.Count} different {Transport(state.Protocol)} ports on {key.Dst} ({state.Count} unanswered or refused attempts) in {AlertEndpoints.Span(state.LastSeen - state.FirstSeen)}");
        return Alert.Create(AlertType.PortScan, AlertSeverity.Low, AlertEndpoints.Host(key.Src), AlertEndpoints.Host(key.Dst),
            state.FirstSeen, state.LastSeen, state.Count, evidence, "v|" + key.Src + "|" + key.Dst);
    }

    private static Alert HorizontalAlert((IPAddress Src, int Port) key, ScanState state)
    {
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{key.Src} probed {Transport(state.Protocol)} port {key.Port} on {state.Distinct.Count} different hosts ({state.Count} unanswered or refused attempts) in {AlertEndpoints.Span(state.LastSeen - state.FirstSeen)}");
        return Alert.Create(AlertType.PortScan, AlertSeverity.Low, AlertEndpoints.Host(key.Src),
            new AlertEndpoint(null, key.Port, string.Create(CultureInfo.InvariantCulture, $"{state.Distinct.Count} hosts")),
            state.FirstSeen, state.LastSeen, state.Count, evidence, "h|" + key.Src + "|" + key.Port);
    }

    private Alert SweepAlert(IPAddress src, ScanState state)
    {
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{src} probed at least {_options.SweepPorts} {Transport(state.Protocol)} ports on each of {state.Distinct.Count} different hosts ({state.Count} unanswered or refused attempts) in {AlertEndpoints.Span(state.LastSeen - state.FirstSeen)}");
        return Alert.Create(AlertType.PortScan, AlertSeverity.Low, AlertEndpoints.Host(src),
            new AlertEndpoint(null, null, string.Create(CultureInfo.InvariantCulture, $"{state.Distinct.Count} hosts")),
            state.FirstSeen, state.LastSeen, state.Count, evidence, "s|" + src);
    }

    private static string Transport(byte protocol) => protocol == 17 ? "UDP" : "TCP";

    private sealed class ScanState : Episode
    {
        public DistinctCounter Distinct { get; } = new();
        public byte Protocol { get; set; }

        protected override void OnRestart() => Distinct.Clear();
    }
}
