using Mamori.Sensor.Detection.AbnormalProcess;
using Mamori.Sensor.Detection.BannedSoftware;
using Mamori.Sensor.Detection.BruteForce;
using Mamori.Sensor.Detection.Dga;
using Mamori.Sensor.Detection.DnsTunneling;
using Mamori.Sensor.Detection.IdsAlert;
using Mamori.Sensor.Detection.LateralCopy;
using Mamori.Sensor.Detection.PortScan;
using Mamori.Sensor.Detection.SynFlood;
using Mamori.Sensor.Detection.ThreatIntel;
using Mamori.Sensor.Detection.UndesirableOperation;
using Mamori.Sensor.Detection.UrlScan;
using Mamori.Sensor.Events;
using Mamori.Sensor.Intel;

namespace Mamori.Sensor.Detection;

/// <summary>
/// Fans every event out to every detector and aggregates their alerts. An <see cref="IEventSink"/>,
/// so the capture engine, the EVE/Zeek/host-log readers and tests all feed it the same way.
/// Not thread-safe: one engine per event stream.
/// </summary>
public sealed class DetectionEngine : IEventSink
{
    private readonly IDetector[] _detectors;
    private readonly IAlertSink _sink;

    /// <summary>Creates an engine with every detector.</summary>
    /// <param name="options">Thresholds.</param>
    /// <param name="intel">Threat intelligence (a feed refresh may replace its set at any time), or null for none.</param>
    /// <param name="dgaModel">DGA model, or null for the shipped one.</param>
    /// <param name="forward">Also receives every alert snapshot (e.g. a live queue), or null.</param>
    public DetectionEngine(DetectionOptions? options = null, ThreatIntelStore? intel = null, DgaModel? dgaModel = null, IAlertSink? forward = null)
    {
        Options = options ?? new DetectionOptions();
        var keys = Options.MaxTrackedKeys;
        Observations = new ObservationLog(Options.ObservationCapacity, Options.ObservationRetention);
        Intel = intel ?? new ThreatIntelStore();
        var store = Intel;
        _detectors =
        [
            new DnsTunnelingDetector(Options.DnsTunneling, keys),
            new DgaDetector(Options.Dga, dgaModel ?? DgaModel.Shipped, keys),
            new BruteForceDetector(Options.BruteForce, keys),
            new PortScanDetector(Options.PortScan, keys),
            new SynFloodDetector(Options.SynFlood, keys),
            new UrlScanDetector(Options.UrlScan, keys),
            new ThreatIntelDetector(() => store.Current, Observations, keys),
            new AbnormalProcessDetector(keys),
            new LateralCopyDetector(Options.LateralCopy, keys),
            new UndesirableOperationDetector(Options.UndesirableOperation, keys),
            new BannedSoftwareDetector(Options.BannedSoftware, keys),
            new IdsAlertDetector(keys),
        ];
        _sink = forward is null ? Alerts : new Tee(Alerts, forward);
    }

    /// <summary>Options in force.</summary>
    public DetectionOptions Options { get; }

    /// <summary>Threat intelligence the engine matches against.</summary>
    public ThreatIntelStore Intel { get; }

    /// <summary>Contacts kept for the retro-hunt.</summary>
    public ObservationLog Observations { get; }

    /// <summary>The aggregated alerts.</summary>
    public AlertAggregator Alerts { get; } = new();

    /// <summary>The detectors.</summary>
    public IReadOnlyList<IDetector> Detectors => _detectors;

    /// <summary>Events consumed.</summary>
    public long EventsSeen { get; private set; }

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent)
    {
        ArgumentNullException.ThrowIfNull(metadataEvent);
        EventsSeen++;
        foreach (var detector in _detectors)
        {
            detector.OnEvent(metadataEvent, _sink);
        }
    }

    /// <summary>End of input: every detector reports its final counts.</summary>
    public void Flush()
    {
        foreach (var detector in _detectors)
        {
            detector.Flush(_sink);
        }
    }

    /// <summary>Runs the retro-hunt for newly added indicators and adds its alerts.</summary>
    public IReadOnlyList<Alert> RetroHunt(IEnumerable<Indicator> added)
    {
        var alerts = RetroHunter.Hunt(Observations.All(), added);
        foreach (var alert in alerts)
        {
            _sink.OnAlert(alert);
        }

        return alerts;
    }

    /// <summary>State statistics summed over detectors.</summary>
    public DetectorStats Stats => _detectors.Aggregate(default(DetectorStats), (sum, d) => sum + d.Stats);

    private sealed class Tee(IAlertSink first, IAlertSink second) : IAlertSink
    {
        public void OnAlert(Alert alert)
        {
            first.OnAlert(alert);
            second.OnAlert(alert);
        }
    }
}
