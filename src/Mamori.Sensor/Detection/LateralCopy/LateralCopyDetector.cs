using System.Globalization;
using System.Net;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Detection.LateralCopy;

/// <summary>
/// A program or script copied over SMB into a hidden share (a name ending in '$': ADMIN$, C$, D$)
/// of another device: how PsExec, Impacket's psexec/smbexec and worms such as WannaCry or Emotet
/// start a program on another PC (MITRE ATT&amp;CK T1021.002 with T1570). Reported as
/// abnormal_process (high): the same health-report item, "suspicious file transfer between
/// devices", as the host-log rules. Reads, refused opens, ordinary shares and other file types are
/// not alerts; repeats per client, server and share are one alert with a file count.
/// </summary>
public sealed class LateralCopyDetector : IDetector
{
    private const int NamesKept = 3;

    private readonly LateralCopyOptions _options;
    private readonly string[] _extensions;
    private readonly HashSet<IPAddress> _allowedAddresses = [];
    private readonly List<IPNetwork> _allowedNetworks = [];
    private readonly BoundedStateTable<(IPAddress Client, IPAddress Server, string Share), CopyState> _copies;
    private IAlertSink? _sink;

    /// <summary>Creates the detector.</summary>
    /// <exception cref="FormatException">An allowed client is neither an address nor a network.</exception>
    public LateralCopyDetector(LateralCopyOptions options, int maxTrackedKeys)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _extensions = [.. options.Extensions.Where(e => e.Length > 0).Select(e => e.StartsWith('.') ? e : "." + e)];
        foreach (var entry in options.AllowedClients)
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                _allowedAddresses.Add(address);
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                _allowedNetworks.Add(network);
            }
            else
            {
                throw new FormatException($"Detection:LateralCopy:AllowedClients: \"{entry}\" is neither an IP address nor a network such as 10.0.0.0/24.");
            }
        }

        _copies = new(maxTrackedKeys, options.Window, _ => new CopyState());
        _copies.Removing = (key, state) => FlushOne(key, state, _sink);
    }

    /// <inheritdoc />
    public string Name => "lateral_copy";

    /// <inheritdoc />
    public DetectorStats Stats => DetectorStats.Of(_copies);

    /// <summary>True for a hidden share ("ADMIN$", "C$"), except IPC$, which holds named pipes rather than files.</summary>
    public static bool IsHiddenShare(string share) =>
        share.Length > 1 && share[^1] == '$' && !share.Equals("IPC$", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the file name ends with one of the configured program or script extensions.</summary>
    public bool IsProgram(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var extension in _extensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="client"/> is on the allow-list.</summary>
    public bool IsAllowed(IPAddress client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        if (_allowedAddresses.Contains(client))
        {
            return true;
        }

        foreach (var network in _allowedNetworks)
        {
            if (network.Contains(client))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent, IAlertSink sink)
    {
        if (metadataEvent is not SmbFileEvent { Flow: { } flow } file
            || file.Action == SmbFileAction.Read
            || file.Succeeded == false
            || !IsHiddenShare(file.Share)
            || !IsProgram(file.Name))
        {
            return;
        }

        var client = flow.Originator.Address;
        var server = flow.Responder.Address;
        if (client.Equals(server) || IsAllowed(client))
        {
            return;
        }

        _sink = sink;
        var now = file.Timestamp;
        var key = (client, server, file.Share.ToUpperInvariant());
        var state = _copies.Touch(key, now);
        if (state.Count > 0 && now - state.LastSeen > _options.Window)
        {
            FlushOne(key, state, sink);
            state.Restart(now);
        }

        state.Add(now);
        state.Path = file.Path;
        state.Port = flow.Responder.Port;
        state.Remember(file.Name);
        if (state.ShouldReport())
        {
            sink.OnAlert(ToAlert(key, state));
        }
    }

    /// <inheritdoc />
    public void Flush(IAlertSink sink)
    {
        foreach (var (key, state) in _copies.Entries())
        {
            FlushOne(key, state, sink);
        }
    }

    private static void FlushOne((IPAddress Client, IPAddress Server, string Share) key, CopyState state, IAlertSink? sink)
    {
        if (sink is not null && state.HasUnreported)
        {
            state.MarkReported();
            sink.OnAlert(ToAlert(key, state));
        }
    }

    private static Alert ToAlert((IPAddress Client, IPAddress Server, string Share) key, CopyState state)
    {
        var serverText = key.Server.ToString();
        var hostInPath = HostOf(state.Path);
        var where = hostInPath is null || hostInPath.Equals(serverText, StringComparison.OrdinalIgnoreCase)
            ? state.Path
            : $"{state.Path} ({serverText})";
        var what = state.Count == 1
            ? state.Names[0]
            : string.Create(CultureInfo.InvariantCulture,
                $"{state.Count} program or script files ({string.Join(", ", state.Names)}{(state.Count > state.Names.Count ? ", …" : "")}) in {AlertEndpoints.Span(state.LastSeen - state.FirstSeen)}");
        var evidence = $"{key.Client} copied {what} into {where} over SMB (the way PsExec and worms start programs on another PC)";
        var name = hostInPath is not null && !IPAddress.TryParse(hostInPath, out _) ? hostInPath : null;
        return Alert.Create(AlertType.AbnormalProcess, AlertSeverity.High, AlertEndpoints.Host(key.Client),
            new AlertEndpoint(serverText, state.Port, name), state.FirstSeen, state.LastSeen, state.Count, evidence,
            "smb-lateral|" + key.Client + "|" + key.Server + "|" + key.Share);
    }

    /// <summary>"PC2" of <c>\\PC2\ADMIN$</c>, or null.</summary>
    private static string? HostOf(string path)
    {
        var trimmed = path.AsSpan().TrimStart('\\');
        var slash = trimmed.IndexOf('\\');
        return slash > 0 ? trimmed[..slash].ToString() : null;
    }

    private sealed class CopyState : Episode
    {
        public List<string> Names { get; } = new(NamesKept);

        public string Path { get; set; } = "";

        public int Port { get; set; }

        /// <summary>Keeps the first few distinct names for the evidence (bounded).</summary>
        public void Remember(string name)
        {
            if (Names.Count < NamesKept && !Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                Names.Add(name);
            }
        }

        protected override void OnRestart() => Names.Clear();
    }
}
