using System.Globalization;
using System.Net;
using Mamori.Sensor.Detection.BruteForce;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Detection.UndesirableOperation;

/// <summary>
/// Undesirable operation: passwords sent without encryption, and everyday use of
/// privileged accounts (administrator, admin, root and configured names) on the network or in
/// process starts. The alert says that a password was sent, never what it was.
/// </summary>
public sealed class UndesirableOperationDetector : IDetector
{
    private readonly UndesirableOperationOptions _options;
    private readonly HashSet<string> _privileged;
    private readonly BoundedStateTable<(AlertType Type, string Key), Finding> _findings;
    private IAlertSink? _sink;

    /// <summary>Creates the detector.</summary>
    public UndesirableOperationDetector(UndesirableOperationOptions options, int maxTrackedKeys)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _privileged = new HashSet<string>(options.PrivilegedAccounts, StringComparer.OrdinalIgnoreCase);
        _findings = new(maxTrackedKeys, TimeSpan.FromDays(1), _ => new Finding());
        _findings.Removing = (_, state) => FlushOne(state, _sink);
    }

    /// <inheritdoc />
    public string Name => "undesirable_operation";

    /// <inheritdoc />
    public DetectorStats Stats => DetectorStats.Of(_findings);

    /// <summary>True when a user name (with or without DOMAIN\ or @realm) is privileged.</summary>
    public bool IsPrivileged(string? user)
    {
        if (string.IsNullOrEmpty(user))
        {
            return false;
        }

        var name = user;
        var backslash = name.LastIndexOf('\\');
        if (backslash >= 0)
        {
            name = name[(backslash + 1)..];
        }

        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            name = name[..at];
        }

        return _privileged.Contains(name);
    }

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent, IAlertSink sink)
    {
        _sink = sink;
        switch (metadataEvent)
        {
            case LoginEvent { Flow: { } flow } login:
                var protocol = BruteForceDetector.ProtocolName(login.Protocol);
                var src = flow.Originator.Address;
                var dst = flow.Responder;
                if (login.PlaintextPassword)
                {
                    var user = login.User is { Length: > 0 } u ? " for user \"" + u + "\"" : "";
                    Report(AlertType.PlaintextPassword, string.Create(CultureInfo.InvariantCulture, $"{src}|{dst.Address}|{login.Protocol}"),
                        AlertSeverity.Low, AlertEndpoints.Host(src), AlertEndpoints.From(dst), login.Timestamp,
                        n => string.Create(CultureInfo.InvariantCulture, $"A password was sent unencrypted over {protocol}{user} from {src} to {dst.Address} ({n} time(s)); anyone on the path could read it"),
                        sink);
                }

                if (IsPrivileged(login.User) && (login.Result != LoginResult.Failure || _options.IncludeFailures))
                {
                    var account = login.User!;
                    Report(AlertType.PrivilegedAccount, string.Create(CultureInfo.InvariantCulture, $"{src}|{dst.Address}|{account.ToLowerInvariant()}"),
                        AlertSeverity.Low, AlertEndpoints.Host(src), AlertEndpoints.From(dst), login.Timestamp,
                        n => string.Create(CultureInfo.InvariantCulture, $"The privileged account \"{account}\" logged in over {protocol} from {src} to {dst.Address} ({n} time(s))"),
                        sink);
                }

                break;
            case ProcessEvent process when IsPrivileged(process.User):
                var host = process.Host ?? "?";
                var who = process.User!;
                Report(AlertType.PrivilegedAccount, host + "|" + who.ToLowerInvariant(), AlertSeverity.Low,
                    new AlertEndpoint(null, null, host), null, process.Timestamp,
                    n => string.Create(CultureInfo.InvariantCulture, $"Programs were started on {host} by the privileged account \"{who}\" ({n} process(es))"),
                    sink);
                break;
        }
    }

    /// <inheritdoc />
    public void Flush(IAlertSink sink)
    {
        foreach (var (_, state) in _findings.Entries())
        {
            FlushOne(state, sink);
        }
    }

    private void Report(AlertType type, string key, AlertSeverity severity, AlertEndpoint src, AlertEndpoint? dst, DateTimeOffset now,
        Func<long, string> evidence, IAlertSink sink)
    {
        var state = _findings.Touch((type, key), now);
        if (state.Count == 0)
        {
            state.Restart(now);
        }

        state.Add(now);
        state.Template = Alert.Create(type, severity, src, dst, state.FirstSeen, now, state.Count, "", key);
        state.Evidence = evidence;
        if (state.ShouldReport())
        {
            sink.OnAlert(state.Snapshot());
        }
    }

    private static void FlushOne(Finding state, IAlertSink? sink)
    {
        if (sink is not null && state.HasUnreported)
        {
            state.MarkReported();
            sink.OnAlert(state.Snapshot());
        }
    }

    private sealed class Finding : Episode
    {
        public Alert? Template { get; set; }
        public Func<long, string>? Evidence { get; set; }

        public Alert Snapshot() => Template! with { Count = Count, FirstSeen = FirstSeen, LastSeen = LastSeen, Evidence = Evidence!(Count) };
    }
}
