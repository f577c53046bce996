using System.Globalization;
using System.Net;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Detection.DnsTunneling;

/// <summary>
/// DNS tunnelling per client and registered domain: many distinct subdomains, long and
/// high-entropy labels, carrier record types (TXT/NULL/CNAME), query volume and bytes. Counts
/// over a short window for bulk tunnels and a long window for slow exfiltration.
/// </summary>
public sealed class DnsTunnelingDetector : IDetector
{
    private readonly DnsTunnelingOptions _options;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _allow;
    private readonly BoundedStateTable<(IPAddress Src, string Domain), DomainState> _domains;
    private IAlertSink? _sink;

    /// <summary>Creates the detector.</summary>
    public DnsTunnelingDetector(DnsTunnelingOptions options, int maxTrackedKeys)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _allow = new HashSet<string>(options.Allow, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _domains = new(maxTrackedKeys, options.SlowWindow, _ => new DomainState());
        _domains.Removing = (key, state) => FlushOne(key, state, _sink);
    }

    /// <inheritdoc />
    public string Name => "dns_tunneling";

    /// <inheritdoc />
    public DetectorStats Stats => DetectorStats.Of(_domains);

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent, IAlertSink sink)
    {
        if (metadataEvent is not DnsEvent { Flow: { } flow } dns || dns.Query.Length == 0)
        {
            return;
        }

        _sink = sink;
        var name = dns.Query.AsSpan().TrimEnd('.');
        var registered = DomainNames.RegisteredDomain(name);
        if (_allow.Contains(registered) || name.EndsWith(".local", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var subdomain = DomainNames.Subdomain(name);
        var now = dns.Timestamp;
        var key = (flow.Originator.Address, registered.ToString().ToLowerInvariant());
        var state = _domains.Touch(key, now);
        state.Server ??= flow.Responder;

        if (state.Short.Count > 0 && now - state.Short.FirstSeen > _options.Window)
        {
            if (state.Short.HasUnreported)
            {
                FlushOne(key, state, sink);
            }

            state.Short.Restart(now);
        }

        if (state.Slow.Count > 0 && now - state.Slow.FirstSeen > _options.SlowWindow)
        {
            FlushOne(key, state, sink);
            state.Slow.Restart(now);
        }

        var isCarrier = dns.QueryType is 5 or 10 or 15 or 16 or >= 65280;
        var entropy = DomainNames.Entropy(subdomain);
        state.Short.Observe(now, subdomain, entropy, isCarrier, dns.QueryLength + dns.ResponseLength);
        state.Slow.Observe(now, subdomain, entropy, isCarrier, dns.QueryLength + dns.ResponseLength);

        if (IsTunnel(state.Short, _options.UniqueSubdomains) && state.Short.ShouldReport())
        {
            sink.OnAlert(ToAlert(key, state, state.Short, slow: false));
        }
        else if (!state.Short.Alerted && IsTunnel(state.Slow, _options.SlowUniqueSubdomains) && state.Slow.ShouldReport())
        {
            sink.OnAlert(ToAlert(key, state, state.Slow, slow: true));
        }
    }

    /// <inheritdoc />
    public void Flush(IAlertSink sink)
    {
        foreach (var (key, state) in _domains.Entries())
        {
            FlushOne(key, state, sink);
        }
    }

    private bool IsTunnel(Window window, int uniqueThreshold)
    {
        var unique = window.Subdomains.Count;
        var encoded = window.MeanLength >= _options.MinMeanSubdomainLength || window.MeanEntropy >= _options.MinMeanEntropy;
        if (unique >= uniqueThreshold && encoded)
        {
            return true;
        }

        // Tunnels that carry data in TXT/NULL answers can use short, counter-like query names.
        return unique >= _options.CarrierUniqueSubdomains && window.CarrierShare >= _options.CarrierRecordShare
            && window.MeanEntropy >= _options.MinMeanEntropy - 0.5;
    }

    private static void FlushOne((IPAddress Src, string Domain) key, DomainState state, IAlertSink? sink)
    {
        if (sink is null)
        {
            return;
        }

        if (state.Short.HasUnreported)
        {
            state.Short.MarkReported();
            sink.OnAlert(ToAlert(key, state, state.Short, slow: false));
        }
        else if (state.Slow.HasUnreported)
        {
            state.Slow.MarkReported();
            sink.OnAlert(ToAlert(key, state, state.Slow, slow: true));
        }
    }

    private static Alert ToAlert((IPAddress Src, string Domain) key, DomainState state, Window window, bool slow)
    {
        var kind = slow ? "slow exfiltration: " : "";
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{kind}{window.Count} DNS queries from {key.Src} for {window.Subdomains.Count} different subdomains of {key.Domain} in {AlertEndpoints.Span(window.LastSeen - window.FirstSeen)} (mean subdomain {window.MeanLength:0} chars, entropy {window.MeanEntropy:0.0} bits/char, {window.CarrierShare:P0} TXT/NULL/CNAME, {window.Bytes} bytes)");
        return Alert.Create(AlertType.DnsTunneling, AlertSeverity.High, AlertEndpoints.Host(key.Src),
            new AlertEndpoint(state.Server?.Address.ToString(), state.Server?.Port, key.Domain),
            window.FirstSeen, window.LastSeen, window.Count, evidence, key.Src + "|" + key.Domain);
    }

    private sealed class DomainState
    {
        public Window Short { get; } = new();
        public Window Slow { get; } = new();
        public IPEndPoint? Server { get; set; }
    }

    private sealed class Window : Episode
    {
        private double _lengthSum;
        private double _entropySum;
        private long _carriers;

        public DistinctCounter Subdomains { get; } = new();
        public long Bytes { get; private set; }
        public double MeanLength => Count == 0 ? 0 : _lengthSum / Count;
        public double MeanEntropy => Count == 0 ? 0 : _entropySum / Count;
        public double CarrierShare => Count == 0 ? 0 : (double)_carriers / Count;

        public void Observe(DateTimeOffset now, ReadOnlySpan<char> subdomain, double entropy, bool carrier, int bytes)
        {
            Add(now);
            Subdomains.Add(subdomain);
            _lengthSum += subdomain.Length;
            _entropySum += entropy;
            Bytes += bytes;
            if (carrier)
            {
                _carriers++;
            }
        }

        protected override void OnRestart()
        {
            Subdomains.Clear();
            _lengthSum = _entropySum = 0;
            _carriers = 0;
            Bytes = 0;
        }
    }
}
