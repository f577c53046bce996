using System.Globalization;
using System.Net;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Detection.BruteForce;

/// <summary>
/// Brute-force failures, brute force followed by a success, and reverse brute force (password
/// spraying: one source, many user names, few tries each), over every <see cref="LoginEvent"/>
/// kind the traffic engine extracts.
/// </summary>
/// <remarks>
/// A run of failures from one source to one server over one protocol is a brute-force run when
/// it reaches the protocol's threshold inside the window; if the same run is mostly one or two
/// tries per distinct user name it is reported as spraying instead, so a hydra run with a user
/// list and one password gives one alert of the right kind. A success on the same pair while a
/// run is alive is Wazuh's "multiple authentication failures followed by a success" (40112).
/// </remarks>
public sealed class BruteForceDetector : IDetector
{
    private readonly BruteForceOptions _options;
    private readonly BoundedStateTable<(IPAddress Src, IPAddress Dst, LoginProtocol Protocol), PairState> _pairs;
    private readonly BoundedStateTable<(IPAddress Src, LoginProtocol Protocol), SprayState> _sprays;
    private IAlertSink? _evictionSink;

    /// <summary>Creates the detector.</summary>
    public BruteForceDetector(BruteForceOptions options, int maxTrackedKeys)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        var longest = Max(Max(options.Ssh.Window, options.Windows.Window), Max(options.Other.Window, options.SprayWindow));
        _pairs = new(maxTrackedKeys, longest, _ => new PairState());
        _sprays = new(maxTrackedKeys, options.SprayWindow, _ => new SprayState());
        _pairs.Removing = (key, state) => FlushPair(key, state, _evictionSink);
        _sprays.Removing = (key, state) => FlushSpray(key, state, _evictionSink);
    }

    /// <inheritdoc />
    public string Name => "brute_force";

    /// <inheritdoc />
    public DetectorStats Stats => DetectorStats.Of(_pairs) + DetectorStats.Of(_sprays);

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent, IAlertSink sink)
    {
        if (metadataEvent is not LoginEvent { Flow: { } flow } login || login.Result == LoginResult.Unknown)
        {
            return;
        }

        _evictionSink = sink;
        var now = login.Timestamp;
        var src = flow.Originator.Address;
        var dst = flow.Responder.Address;
        var threshold = ThresholdFor(login.Protocol);
        var pair = _pairs.Touch((src, dst, login.Protocol), now);
        pair.DstPort = flow.Responder.Port;

        if (login.Result == LoginResult.Failure)
        {
            if (pair.Count > 0 && (pair.Alerted ? now - pair.LastSeen > threshold.Window : pair.IsExpired(now, threshold.Window)))
            {
                FlushPair((src, dst, login.Protocol), pair, sink);
                pair.Restart(now);
            }

            pair.Add(now);
            pair.Users.Add(login.User ?? "");
            var spray = OnSprayFailure(src, dst, login, sink);
            var sprayLike = spray.Alerted || LooksLikeSpray(pair.Count, pair.Users.Count);
            if (pair.Count >= threshold.Failures && !sprayLike && pair.ShouldReport())
            {
                sink.OnAlert(FailureAlert((src, dst, login.Protocol), pair));
            }

            return;
        }

        // Success: only interesting right after a run of failures.
        var runAlive = pair.Count > 0 && now - pair.LastSeen <= threshold.Window
            && (pair.Count >= threshold.Failures || pair.Alerted);
        var sprayAlive = _sprays.TryGet((src, login.Protocol), out var sprayState)
            && sprayState!.Alerted && now - sprayState.LastSeen <= _options.SprayWindow;
        if (!runAlive && !sprayAlive)
        {
            return;
        }

        pair.Successes++;
        var failures = runAlive ? pair.Count : sprayState!.Count;
        var user = login.User is { Length: > 0 } u ? " as \"" + u + "\"" : "";
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{ProtocolName(login.Protocol)} login succeeded{user} from {src} to {dst} after {failures} failed attempts");
        if (pair.SuccessFirstSeen == default)
        {
            pair.SuccessFirstSeen = now;
        }

        sink.OnAlert(Alert.Create(
            AlertType.BruteForceSuccess, AlertSeverity.High,
            AlertEndpoints.Host(src), new AlertEndpoint(dst.ToString(), flow.Responder.Port, null),
            pair.SuccessFirstSeen, now, pair.Successes, evidence,
            Key(src, dst, login.Protocol)));
    }

    /// <inheritdoc />
    public void Flush(IAlertSink sink)
    {
        foreach (var (key, state) in _pairs.Entries())
        {
            FlushPair(key, state, sink);
        }

        foreach (var (key, state) in _sprays.Entries())
        {
            FlushSpray(key, state, sink);
        }
    }

    /// <summary>The threshold that applies to a protocol.</summary>
    public LoginThreshold ThresholdFor(LoginProtocol protocol) => protocol switch
    {
        LoginProtocol.Ssh => _options.Ssh,
        LoginProtocol.Ntlm or LoginProtocol.Kerberos or LoginProtocol.Rdp => _options.Windows,
        _ => _options.Other,
    };

    /// <summary>Human name of a login protocol.</summary>
    public static string ProtocolName(LoginProtocol protocol) => protocol switch
    {
        LoginProtocol.Ftp => "FTP",
        LoginProtocol.Pop3 => "POP3",
        LoginProtocol.Imap => "IMAP",
        LoginProtocol.Smtp => "SMTP",
        LoginProtocol.Telnet => "Telnet",
        LoginProtocol.HttpBasic => "HTTP Basic",
        LoginProtocol.Http => "HTTP",
        LoginProtocol.Ssh => "SSH",
        LoginProtocol.Ntlm => "NTLM/SMB",
        LoginProtocol.Kerberos => "Kerberos",
        LoginProtocol.Rdp => "RDP",
        _ => protocol.ToString(),
    };

    private SprayState OnSprayFailure(IPAddress src, IPAddress dst, LoginEvent login, IAlertSink sink)
    {
        var now = login.Timestamp;
        var key = (src, login.Protocol);
        var spray = _sprays.Touch(key, now);
        if (spray.Count > 0 && (spray.Alerted ? now - spray.LastSeen > _options.SprayWindow : spray.IsExpired(now, _options.SprayWindow)))
        {
            FlushSpray(key, spray, sink);
            spray.Restart(now);
        }

        spray.Add(now);
        spray.Users.Add(login.User ?? "");
        if (spray.Targets.Add(dst.ToString()))
        {
            spray.LastTarget = dst;
            spray.LastPort = login.Flow!.Responder.Port;
        }

        if (LooksLikeSpray(spray.Count, spray.Users.Count) && spray.ShouldReport())
        {
            sink.OnAlert(SprayAlert(key, spray));
        }

        return spray;
    }

    private bool LooksLikeSpray(long failures, int users) =>
        users >= _options.SprayMinUsers && failures <= users * _options.SprayMaxAttemptsPerUser;

    private static void FlushPair((IPAddress Src, IPAddress Dst, LoginProtocol Protocol) key, PairState state, IAlertSink? sink)
    {
        if (sink is not null && state.HasUnreported)
        {
            state.MarkReported();
            sink.OnAlert(FailureAlert(key, state));
        }
    }

    private static void FlushSpray((IPAddress Src, LoginProtocol Protocol) key, SprayState state, IAlertSink? sink)
    {
        if (sink is not null && state.HasUnreported)
        {
            state.MarkReported();
            sink.OnAlert(SprayAlert(key, state));
        }
    }

    private static Alert FailureAlert((IPAddress Src, IPAddress Dst, LoginProtocol Protocol) key, PairState state)
    {
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{state.Count} failed {ProtocolName(key.Protocol)} logins for {state.Users.Count} user names from {key.Src} to {key.Dst} in {AlertEndpoints.Span(state.LastSeen - state.FirstSeen)}");
        return Alert.Create(
            AlertType.BruteForceFailure, AlertSeverity.Medium,
            AlertEndpoints.Host(key.Src), new AlertEndpoint(key.Dst.ToString(), state.DstPort, null),
            state.FirstSeen, state.LastSeen, state.Count, evidence, Key(key.Src, key.Dst, key.Protocol));
    }

    private static Alert SprayAlert((IPAddress Src, LoginProtocol Protocol) key, SprayState state)
    {
        var targets = state.Targets.Count;
        var dst = targets == 1
            ? new AlertEndpoint(state.LastTarget?.ToString(), state.LastPort, null)
            : new AlertEndpoint(null, state.LastPort, string.Create(CultureInfo.InvariantCulture, $"{targets} hosts"));
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{state.Count} failed {ProtocolName(key.Protocol)} logins for {state.Users.Count} different user names from {key.Src} to {targets} host(s) in {AlertEndpoints.Span(state.LastSeen - state.FirstSeen)}");
        return Alert.Create(
            AlertType.ReverseBruteForce, AlertSeverity.Medium,
            AlertEndpoints.Host(key.Src), dst,
            state.FirstSeen, state.LastSeen, state.Count, evidence,
            key.Src + "|" + key.Protocol);
    }

    private static string Key(IPAddress src, IPAddress dst, LoginProtocol protocol) => src + "|" + dst + "|" + protocol;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class PairState : Episode
    {
        public DistinctCounter Users { get; } = new();
        public int DstPort { get; set; }
        public long Successes { get; set; }
        public DateTimeOffset SuccessFirstSeen { get; set; }

        protected override void OnRestart() => Users.Clear();
    }

    private sealed class SprayState : Episode
    {
        public DistinctCounter Users { get; } = new();
        public DistinctCounter Targets { get; } = new();
        public IPAddress? LastTarget { get; set; }
        public int LastPort { get; set; }

        protected override void OnRestart()
        {
            Users.Clear();
            Targets.Clear();
        }
    }
}
