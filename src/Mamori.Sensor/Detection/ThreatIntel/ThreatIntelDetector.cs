using System.Globalization;
using System.Net;
using Mamori.Sensor.Events;
using Mamori.Sensor.Intel;

namespace Mamori.Sensor.Detection.ThreatIntel;

/// <summary>
/// Known C&amp;C servers, malware distribution sites and phishing sites from threat intelligence,
/// matched on connection addresses, DNS query names, TLS SNI and HTTP host and URL. Every
/// contact is also written to the <see cref="ObservationLog"/> for the retro-hunt.
/// </summary>
public sealed class ThreatIntelDetector : IDetector
{
    private readonly Func<ThreatIntelSet> _intel;
    private readonly ObservationLog? _observations;
    private readonly BoundedStateTable<(IPAddress Client, string Indicator), HitState> _hits;
    private IAlertSink? _sink;

    /// <summary>Creates the detector.</summary>
    /// <param name="intel">Returns the current indicator set (a feed refresh may swap it).</param>
    /// <param name="observations">Where contacts are logged for the retro-hunt, or null.</param>
    /// <param name="maxTrackedKeys">Bound on distinct (client, indicator) pairs held.</param>
    public ThreatIntelDetector(Func<ThreatIntelSet> intel, ObservationLog? observations, int maxTrackedKeys)
    {
        _intel = intel ?? throw new ArgumentNullException(nameof(intel));
        _observations = observations;
        _hits = new(maxTrackedKeys, TimeSpan.FromHours(1), _ => new HitState());
        _hits.Removing = (key, state) => FlushOne(key, state, _sink);
    }

    /// <inheritdoc />
    public string Name => "threat_intel";

    /// <inheritdoc />
    public DetectorStats Stats => DetectorStats.Of(_hits);

    /// <summary>Alert type for an indicator category.</summary>
    public static AlertType TypeOf(IntelCategory category) => category switch
    {
        IntelCategory.MalwareSite => AlertType.MalwareSite,
        IntelCategory.Phishing => AlertType.PhishingSite,
        _ => AlertType.KnownC2,
    };

    /// <summary>Severity for an indicator category: phishing is medium as in the pilot (表3.3.2-4), the others high.</summary>
    public static AlertSeverity SeverityOf(IntelCategory category) =>
        category == IntelCategory.Phishing ? AlertSeverity.Medium : AlertSeverity.High;

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent, IAlertSink sink)
    {
        if (metadataEvent.Flow is not { } flow)
        {
            return;
        }

        _sink = sink;
        var intel = _intel();
        var client = flow.Originator.Address;
        var now = metadataEvent.Timestamp;
        switch (metadataEvent)
        {
            case ConnectionEvent:
                _observations?.Record(ObservationKind.Ip, flow.Responder.Address.ToString(), client, now);
                if (intel.MatchIp(flow.Responder.Address) is { } remote)
                {
                    Hit(remote, client, AlertEndpoints.From(flow.Responder), "connected to " + flow.Responder, now, sink);
                }
                else if (intel.MatchIp(flow.Originator.Address) is { } inbound)
                {
                    Hit(inbound, flow.Responder.Address, AlertEndpoints.From(flow.Originator), "was contacted by " + flow.Originator.Address, now, sink);
                }

                break;
            case DnsEvent dns when dns.Query.Length > 0:
                var query = DomainNames.Normalize(dns.Query);
                _observations?.Record(ObservationKind.Name, query, client, now);
                if (intel.MatchName(query) is { } dnsHit)
                {
                    Hit(dnsHit, client, new AlertEndpoint(null, null, query), "looked up " + query, now, sink);
                }

                break;
            case TlsEvent { ServerName: { Length: > 0 } sni }:
                var server = DomainNames.Normalize(sni);
                _observations?.Record(ObservationKind.Name, server, client, now);
                if (intel.MatchName(server) is { } tlsHit)
                {
                    Hit(tlsHit, client, AlertEndpoints.From(flow.Responder, server), "opened TLS to " + server, now, sink);
                }

                break;
            case HttpEvent { Host: { Length: > 0 } host } http:
                // The key is a System.Uri parse: computed once for the log and the match.
                var urlKey = IntelNormalizer.UrlKey(host, http.Uri);
                if (urlKey is not null)
                {
                    _observations?.Record(ObservationKind.Url, urlKey, client, now);
                }

                if (intel.MatchHttpKey(host, urlKey) is { } httpHit)
                {
                    Hit(httpHit, client, AlertEndpoints.From(flow.Responder, IntelNormalizer.StripPort(host)), "requested http://" + host + Truncate(http.Uri), now, sink);
                }

                break;
        }
    }

    /// <inheritdoc />
    public void Flush(IAlertSink sink)
    {
        foreach (var (key, state) in _hits.Entries())
        {
            FlushOne(key, state, sink);
        }
    }

    /// <summary>Builds the alert for a match (shared with the retro-hunt).</summary>
    public static Alert ToAlert(Indicator indicator, IPAddress client, AlertEndpoint dst, string action, DateTimeOffset first, DateTimeOffset last, long count, bool retro = false)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(client);
        var what = indicator.Category switch
        {
            IntelCategory.MalwareSite => "a malware distribution site",
            IntelCategory.Phishing => "a phishing site",
            _ => "a known C&C server",
        };
        var family = indicator.Description is { Length: > 0 } d ? " (" + d + ")" : "";
        var times = count == 1 ? "once" : string.Create(CultureInfo.InvariantCulture, $"{count} times");
        var prefix = retro ? "Found later in stored traffic: " : "";
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{prefix}{client} {action} {times}; {indicator.Value} is listed as {what}{family} by {indicator.Source}");
        return Alert.Create(TypeOf(indicator.Category), SeverityOf(indicator.Category), AlertEndpoints.Host(client), dst,
            first, last, count, evidence, client + "|" + indicator.Value);
    }

    private void Hit(Indicator indicator, IPAddress client, AlertEndpoint dst, string action, DateTimeOffset now, IAlertSink sink)
    {
        var state = _hits.Touch((client, indicator.Value), now);
        if (state.Count == 0)
        {
            state.Restart(now);
            state.Indicator = indicator;
            state.Dst = dst;
            state.Action = action;
        }

        state.Add(now);
        if (state.ShouldReport())
        {
            sink.OnAlert(ToAlert(indicator, client, state.Dst!, state.Action!, state.FirstSeen, state.LastSeen, state.Count));
        }
    }

    private static void FlushOne((IPAddress Client, string Indicator) key, HitState state, IAlertSink? sink)
    {
        if (sink is not null && state.HasUnreported && state.Indicator is not null)
        {
            state.MarkReported();
            sink.OnAlert(ToAlert(state.Indicator, key.Client, state.Dst!, state.Action!, state.FirstSeen, state.LastSeen, state.Count));
        }
    }

    private static string Truncate(string uri) => uri.Length <= 80 ? uri : uri[..80] + "...";

    private sealed class HitState : Episode
    {
        public Indicator? Indicator { get; set; }
        public AlertEndpoint? Dst { get; set; }
        public string? Action { get; set; }
    }
}
