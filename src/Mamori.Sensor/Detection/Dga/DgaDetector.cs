using System.Globalization;
using System.Net;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Detection.Dga;

/// <summary>
/// Traffic to DGA-generated C&amp;C names: the lexical model marks names that look generated, and a
/// burst of such names answered NXDOMAIN from one client corroborates it (the malware walks its
/// list until one name resolves). A generated-looking name that resolves after the burst is the
/// likely C&amp;C server and raises the alert to high.
/// </summary>
public sealed class DgaDetector : IDetector
{
    private const int RcodeNxDomain = 3;
    private readonly DgaOptions _options;
    private readonly DgaModel _model;
    private readonly float _threshold;
    private readonly BoundedStateTable<IPAddress, ClientState> _clients;
    private IAlertSink? _sink;

    /// <summary>Creates the detector.</summary>
    public DgaDetector(DgaOptions options, DgaModel model, int maxTrackedKeys)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _threshold = options.Threshold ?? model.Threshold;
        _clients = new(maxTrackedKeys, options.Window + options.Window, _ => new ClientState());
        _clients.Removing = (key, state) => FlushOne(key, state, _sink);
    }

    /// <inheritdoc />
    public string Name => "dga";

    /// <inheritdoc />
    public DetectorStats Stats => DetectorStats.Of(_clients);

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent, IAlertSink sink)
    {
        if (metadataEvent is not DnsEvent { Flow: { } flow, ResponseCode: { } rcode } dns)
        {
            return;
        }

        var name = dns.Query.AsSpan().TrimEnd('.');
        if (DomainNames.RegisteredLabel(name).Length < _options.MinLabelLength
            || name.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".arpa", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var score = _model.Score(name);
        if (score < _threshold)
        {
            return;
        }

        _sink = sink;
        var now = dns.Timestamp;
        var src = flow.Originator.Address;
        var state = _clients.Touch(src, now);
        var expired = state.Alerted ? now - state.LastSeen > _options.Window : state.IsExpired(now, _options.Window);
        if (state.Count > 0 && expired)
        {
            FlushOne(src, state, sink);
            state.Restart(now);
        }

        state.Server ??= flow.Responder;
        if (rcode == RcodeNxDomain)
        {
            if (state.NxNames.Add(name))
            {
                state.Add(now);
                state.LastNx = dns.Query;
            }
        }
        else if (rcode == 0 && dns.Answers.Count > 0)
        {
            if (state.NxNames.Count >= _options.NxDomainBeforeResolved)
            {
                state.Add(now);
                state.Resolved = dns.Query;
                state.ResolvedTo = dns.Answers[0];
            }
        }
        else
        {
            return;
        }

        var burst = state.NxNames.Count >= _options.NxDomainBurst;
        var found = state.Resolved is not null;
        if ((burst || found) && state.ShouldReport())
        {
            sink.OnAlert(ToAlert(src, state));
        }
    }

    /// <inheritdoc />
    public void Flush(IAlertSink sink)
    {
        foreach (var (key, state) in _clients.Entries())
        {
            FlushOne(key, state, sink);
        }
    }

    private static void FlushOne(IPAddress src, ClientState state, IAlertSink? sink)
    {
        if (sink is not null && state.HasUnreported)
        {
            state.MarkReported();
            sink.OnAlert(ToAlert(src, state));
        }
    }

    private static Alert ToAlert(IPAddress src, ClientState state)
    {
        var found = state.Resolved is not null;
        var evidence = found
            ? string.Create(CultureInfo.InvariantCulture,
                $"{src} looked up {state.NxNames.Count} machine-generated-looking names that do not exist (e.g. {state.LastNx}) and then {state.Resolved}, which resolved to {state.ResolvedTo}, in {AlertEndpoints.Span(state.LastSeen - state.FirstSeen)}")
            : string.Create(CultureInfo.InvariantCulture,
                $"{src} looked up {state.NxNames.Count} machine-generated-looking names that do not exist (e.g. {state.LastNx}) in {AlertEndpoints.Span(state.LastSeen - state.FirstSeen)}");
        var dst = found
            ? new AlertEndpoint(IPAddress.TryParse(state.ResolvedTo, out _) ? state.ResolvedTo : null, null, state.Resolved)
            : new AlertEndpoint(state.Server?.Address.ToString(), state.Server?.Port, state.LastNx);
        return Alert.Create(AlertType.DgaC2, found ? AlertSeverity.High : AlertSeverity.Medium, AlertEndpoints.Host(src), dst,
            state.FirstSeen, state.LastSeen, state.Count, evidence, src.ToString());
    }

    private sealed class ClientState : Episode
    {
        public DistinctCounter NxNames { get; } = new();
        public string? LastNx { get; set; }
        public string? Resolved { get; set; }
        public string? ResolvedTo { get; set; }
        public IPEndPoint? Server { get; set; }

        protected override void OnRestart()
        {
            NxNames.Clear();
            LastNx = Resolved = ResolvedTo = null;
        }
    }
}
