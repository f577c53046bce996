using System.Globalization;
using System.Net;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Detection.BannedSoftware;

/// <summary>
/// Software that should not be used: P2P file sharing, unapproved remote-access tools,
/// adware — matched on DNS names, TLS SNI, JA4 fingerprints and HTTP user agents from a
/// configurable list.
/// </summary>
public sealed class BannedSoftwareDetector : IDetector
{
    private readonly Dictionary<string, BannedSoftwareRule> _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, BannedSoftwareRule> _ja4 = new(StringComparer.Ordinal);
    private readonly List<(string Fragment, BannedSoftwareRule Rule)> _agents = [];
    private readonly Dictionary<string, BannedSoftwareRule>.AlternateLookup<ReadOnlySpan<char>> _domainLookup;
    private readonly BoundedStateTable<(IPAddress Client, string Rule), Use> _uses;
    private IAlertSink? _sink;

    /// <summary>Creates the detector.</summary>
    public BannedSoftwareDetector(BannedSoftwareOptions options, int maxTrackedKeys)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var rule in options.Rules.Where(r => !r.Approved))
        {
            foreach (var domain in rule.Domains)
            {
                _domains.TryAdd(domain.TrimEnd('.'), rule);
            }

            foreach (var ja4 in rule.Ja4)
            {
                _ja4.TryAdd(ja4, rule);
            }

            _agents.AddRange(rule.UserAgents.Select(a => (a, rule)));
        }

        _domainLookup = _domains.GetAlternateLookup<ReadOnlySpan<char>>();
        _uses = new(maxTrackedKeys, TimeSpan.FromDays(1), _ => new Use());
        _uses.Removing = (key, state) => FlushOne(key, state, _sink);
    }

    /// <inheritdoc />
    public string Name => "banned_software";

    /// <inheritdoc />
    public DetectorStats Stats => DetectorStats.Of(_uses);

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent, IAlertSink sink)
    {
        if (metadataEvent.Flow is not { } flow)
        {
            return;
        }

        _sink = sink;
        switch (metadataEvent)
        {
            case DnsEvent dns when MatchDomain(dns.Query) is { } rule:
                Hit(rule, flow.Originator.Address, new AlertEndpoint(null, null, dns.Query.TrimEnd('.')), "looked up " + dns.Query.TrimEnd('.'), dns.Timestamp, sink);
                break;
            case TlsEvent tls:
                if (tls.ServerName is { Length: > 0 } sni && MatchDomain(sni) is { } sniRule)
                {
                    Hit(sniRule, flow.Originator.Address, AlertEndpoints.From(flow.Responder, sni), "connected to " + sni, tls.Timestamp, sink);
                }
                else if (tls.Ja4 is { Length: > 0 } ja4 && _ja4.TryGetValue(ja4, out var ja4Rule))
                {
                    Hit(ja4Rule, flow.Originator.Address, AlertEndpoints.From(flow.Responder, tls.ServerName), "made a TLS handshake with fingerprint " + ja4, tls.Timestamp, sink);
                }

                break;
            case HttpEvent http:
                if (http.UserAgent is { Length: > 0 } agent && MatchAgent(agent) is { } agentRule)
                {
                    Hit(agentRule, flow.Originator.Address, AlertEndpoints.From(flow.Responder, http.Host), "sent HTTP requests as \"" + agent + "\"", http.Timestamp, sink);
                }
                else if (http.Host is { Length: > 0 } host && MatchDomain(host) is { } hostRule)
                {
                    Hit(hostRule, flow.Originator.Address, AlertEndpoints.From(flow.Responder, host), "visited " + host, http.Timestamp, sink);
                }

                break;
        }
    }

    /// <inheritdoc />
    public void Flush(IAlertSink sink)
    {
        foreach (var (key, state) in _uses.Entries())
        {
            FlushOne(key, state, sink);
        }
    }

    private BannedSoftwareRule? MatchDomain(ReadOnlySpan<char> name)
    {
        name = name.TrimEnd('.');
        while (!name.IsEmpty)
        {
            if (_domainLookup.TryGetValue(name, out var rule))
            {
                return rule;
            }

            var dot = name.IndexOf('.');
            if (dot < 0)
            {
                return null;
            }

            name = name[(dot + 1)..];
        }

        return null;
    }

    private BannedSoftwareRule? MatchAgent(string agent)
    {
        foreach (var (fragment, rule) in _agents)
        {
            if (agent.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return rule;
            }
        }

        return null;
    }

    private void Hit(BannedSoftwareRule rule, IPAddress client, AlertEndpoint dst, string action, DateTimeOffset now, IAlertSink sink)
    {
        var state = _uses.Touch((client, rule.Name), now);
        if (state.Count == 0)
        {
            state.Restart(now);
            state.Rule = rule;
            state.Dst = dst;
            state.Action = action;
        }

        state.Add(now);
        if (state.ShouldReport())
        {
            sink.OnAlert(ToAlert((client, rule.Name), state));
        }
    }

    private static void FlushOne((IPAddress Client, string Rule) key, Use state, IAlertSink? sink)
    {
        if (sink is not null && state.HasUnreported)
        {
            state.MarkReported();
            sink.OnAlert(ToAlert(key, state));
        }
    }

    private static Alert ToAlert((IPAddress Client, string Rule) key, Use state)
    {
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{key.Client} {state.Action} ({state.Count} time(s)): signs of {state.Rule!.Name} ({state.Rule.Category.Replace('_', ' ')}), which is not approved for use");
        return Alert.Create(AlertType.BannedSoftware, state.Rule.Severity, AlertEndpoints.Host(key.Client), state.Dst,
            state.FirstSeen, state.LastSeen, state.Count, evidence, key.Client + "|" + key.Rule);
    }

    private sealed class Use : Episode
    {
        public BannedSoftwareRule? Rule { get; set; }
        public AlertEndpoint? Dst { get; set; }
        public string? Action { get; set; }
    }
}
