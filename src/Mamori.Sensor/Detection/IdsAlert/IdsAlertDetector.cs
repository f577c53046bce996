using System.Globalization;
using System.Net;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Detection.IdsAlert;

/// <summary>
/// Maps alerts from an imported IDS (Suricata EVE) onto Mamori's types by the rule-set's
/// category prefixes (Emerging Threats naming: "ET SCAN", "ET MALWARE", "ET PHISHING", ...).
/// Signatures that map to no type are ignored: Mamori's own detectors cover the rest.
/// </summary>
public sealed class IdsAlertDetector : IDetector
{
    private static readonly (string Prefix, AlertType Type)[] s_map =
    [
        ("ET SCAN", AlertType.PortScan),
        ("GPL SCAN", AlertType.PortScan),
        ("ET PHISHING", AlertType.PhishingSite),
        ("ET CNC", AlertType.KnownC2),
        ("ET MALWARE", AlertType.KnownC2),
        ("ET TROJAN", AlertType.KnownC2),
        ("ET DNS", AlertType.DnsTunneling),
        ("ET WEB_SERVER", AlertType.UrlScan),
        ("ET WEB_SPECIFIC_APPS", AlertType.UrlScan),
        ("ET EXPLOIT", AlertType.UrlScan),
        ("ET P2P", AlertType.BannedSoftware),
        ("ET POLICY", AlertType.BannedSoftware),
    ];

    private readonly BoundedStateTable<(IPAddress Src, IPAddress Dst, long Sid), Hit> _hits;
    private IAlertSink? _sink;

    /// <summary>Creates the detector.</summary>
    public IdsAlertDetector(int maxTrackedKeys)
    {
        _hits = new(maxTrackedKeys, TimeSpan.FromHours(1), _ => new Hit());
        _hits.Removing = (key, state) => FlushOne(state, _sink);
    }

    /// <inheritdoc />
    public string Name => "ids_alert";

    /// <inheritdoc />
    public DetectorStats Stats => DetectorStats.Of(_hits);

    /// <summary>Mamori type for an IDS signature, or null.</summary>
    public static AlertType? Map(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Contains("DNS", StringComparison.Ordinal) && !signature.Contains("tunnel", StringComparison.OrdinalIgnoreCase)
            && signature.StartsWith("ET DNS", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var (prefix, type) in s_map)
        {
            if (signature.StartsWith(prefix, StringComparison.Ordinal))
            {
                if (type == AlertType.BannedSoftware && !ContainsAny(signature, "P2P", "BitTorrent", "AnyDesk", "TeamViewer", "Remote Access"))
                {
                    return null;
                }

                return type;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent, IAlertSink sink)
    {
        if (metadataEvent is not IdsAlertEvent { Flow: { } flow } ids || Map(ids.Signature) is not { } type)
        {
            return;
        }

        _sink = sink;
        var state = _hits.Touch((flow.Originator.Address, flow.Responder.Address, ids.SignatureId), ids.Timestamp);
        if (state.Count == 0)
        {
            state.Restart(ids.Timestamp);
            state.Type = type;
            state.Ids = ids;
        }

        state.Add(ids.Timestamp);
        if (state.ShouldReport())
        {
            sink.OnAlert(ToAlert(state));
        }
    }

    /// <inheritdoc />
    public void Flush(IAlertSink sink)
    {
        foreach (var (_, state) in _hits.Entries())
        {
            FlushOne(state, sink);
        }
    }

    private static void FlushOne(Hit state, IAlertSink? sink)
    {
        if (sink is not null && state.HasUnreported)
        {
            state.MarkReported();
            sink.OnAlert(ToAlert(state));
        }
    }

    private static Alert ToAlert(Hit state)
    {
        var ids = state.Ids!;
        var flow = ids.Flow!;
        var severity = ids.Severity switch
        {
            1 => AlertSeverity.High,
            2 => AlertSeverity.Medium,
            _ => AlertSeverity.Low,
        };
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"Suricata rule {ids.SignatureId} \"{ids.Signature}\" fired {state.Count} time(s) for {flow.Originator.Address} → {flow.Responder.Address}:{flow.Responder.Port}");
        return Alert.Create(state.Type, severity, AlertEndpoints.Host(flow.Originator.Address), AlertEndpoints.From(flow.Responder),
            state.FirstSeen, state.LastSeen, state.Count, evidence,
            "ids|" + flow.Originator.Address + "|" + flow.Responder.Address + "|" + ids.SignatureId.ToString(CultureInfo.InvariantCulture));
    }

    private static bool ContainsAny(string text, params ReadOnlySpan<string> needles)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Hit : Episode
    {
        public AlertType Type { get; set; }
        public IdsAlertEvent? Ids { get; set; }
    }
}
