using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography;
using System.Text;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Engine;
using Mamori.Sensor.Events;
using Mamori.Sensor.Shipping;

namespace Mamori.Sensor.Agent;

/// <summary>
/// What the sensor keeps between packets and the next batch: it sits between the traffic engine and the
/// detectors, counts every packet and event into the current counter interval, summarises devices,
/// names and flows per interval, and gives every alert a stable id. Not thread-safe: the agent calls it
/// under one lock.
/// </summary>
/// <remarks>
/// <para>Intervals follow packet time, aligned to multiples of the interval length, and their starts only
/// grow (packets from an earlier time, e.g. a second replayed file, count in the current interval), so
/// the server's "one interval per sensor and start" rule holds and no packet is counted twice or lost.</para>
/// <para><see cref="ShippedUntil"/> is the end of the last interval already written to the queue (by this
/// process or one before a crash): packets before it are detected again on a replay but not counted again.</para>
/// </remarks>
public sealed class EdgeCollector : IEventSink, IAlertSink
{
    /// <summary>Distinct names, flows or devices kept per interval; more are counted in <see cref="Overflow"/>.</summary>
    public const int MaxSummariesPerInterval = 5_000;

    /// <summary>Longest name or text field shipped (the server's limit for names).</summary>
    public const int MaxTextLength = 255;

    /// <summary>Names kept per device sighting.</summary>
    public const int MaxNamesPerDevice = 4;

    private readonly AlertAggregator _alerts = new();
    private readonly Dictionary<(AlertType, string), AlertState> _alertStates = [];
    private readonly HashSet<(AlertType, string)> _dirtyAlerts = [];

    private readonly List<CounterInterval> _closedCounters = [];
    private readonly List<DeviceSighting> _closedDevices = [];
    private readonly List<NameSummary> _closedNames = [];
    private readonly List<FlowSummary> _closedFlows = [];

    private Interval? _current;
    private DateTimeOffset? _lastEnd;
    private EngineCounters? _engine;
    private long _engineFlowBase;
    private long _captureDrops;
    private long _captureDropsBase;
    private bool _skipping;
    private readonly DateTimeOffset? _resumeFrom;

    /// <summary>Creates a collector.</summary>
    /// <param name="intervalLength">Counter interval length.</param>
    /// <param name="shippedUntil">End of the last interval already queued (from the checkpoint), or null.</param>
    public EdgeCollector(TimeSpan intervalLength, DateTimeOffset? shippedUntil = null)
    {
        IntervalLength = intervalLength;
        ShippedUntil = shippedUntil;
        _resumeFrom = shippedUntil;
    }

    /// <summary>The detectors events are forwarded to; the agent swaps it when the configuration changes.</summary>
    public DetectionEngine? Detection { get; set; }

    /// <summary>Counter interval length; a change applies from the next interval.</summary>
    public TimeSpan IntervalLength
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromMilliseconds(100)); // sub-second only in labs
            field = value;
        }
    }

    /// <summary>End of the last interval handed out for shipping; packets before it are not counted again.</summary>
    public DateTimeOffset? ShippedUntil { get; private set; }

    /// <summary>Summaries not kept because an interval reached <see cref="MaxSummariesPerInterval"/>.</summary>
    public long Overflow { get; private set; }

    /// <summary>Packets seen before <see cref="ShippedUntil"/> (a replay resumed after a crash) and not counted again.</summary>
    public long SkippedPackets { get; private set; }

    /// <summary>Distinct alerts (by type and key) since start.</summary>
    public int AlertCount => _alerts.Count;

    /// <summary>The stable id of an alert: a hash of its type, key and the first time this sensor saw it, so a replay after a crash gives the same id.</summary>
    public static Guid AlertId(AlertType type, string key, DateTimeOffset firstSeen) =>
        StableId.Of($"{AlertCatalog.IdOf(type)}|{key}|{firstSeen.UtcTicks}");

    /// <summary>Counts the traffic engine of the next capture (one per file or interface) for flows started.</summary>
    public void AttachEngine(EngineCounters counters)
    {
        HarvestFlows();
        _engine = counters;
        _engineFlowBase = counters.Flows;
    }

    /// <summary>The capture's cumulative drop counter (kernel and interface).</summary>
    public void SetCaptureDrops(long total)
    {
        if (total < _captureDrops)
        {
            _captureDropsBase = 0; // a new capture restarted its counter
        }

        _captureDrops = total;
    }

    /// <summary>A packet at <paramref name="timestamp"/> of <paramref name="length"/> bytes, before the engine decodes it.</summary>
    public void OnPacket(DateTimeOffset timestamp, int length)
    {
        if (_resumeFrom is { } resume && timestamp < resume && _current is null && _lastEnd is null)
        {
            // Replay resumed after a crash: these packets were counted and queued before.
            _skipping = true;
            SkippedPackets++;
            return;
        }

        _skipping = false;
        var interval = Roll(timestamp);
        interval.Packets++;
        interval.Bytes += length;
    }

    /// <summary>Closes the current interval when <paramref name="now"/> is past its end (a quiet link still reports).</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        if (_current is { } current && now >= current.End)
        {
            Close();
        }
    }

    /// <summary>Closes the current interval now, even before its end (end of a replayed file, shutdown).</summary>
    public void CloseCurrent(DateTimeOffset? end = null)
    {
        if (_current is { } current && end is { } at && at > current.Start && at < current.End)
        {
            current.End = at;
        }

        Close();
    }

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent)
    {
        ArgumentNullException.ThrowIfNull(metadataEvent);
        Detection?.OnEvent(metadataEvent);
        if (_skipping || _current is not { } interval)
        {
            return;
        }

        interval.TrafficEvents++;
        switch (metadataEvent)
        {
            case ConnectionEvent connection when connection.Flow is { } flow:
                AddFlow(interval, connection, flow);
                break;
            case DnsEvent dns when dns.Flow is { } flow:
                AddName(interval, "dns", dns.Query, flow.Originator.Address, dns.Timestamp);
                break;
            case TlsEvent { ServerName: { } sni } tls when tls.Flow is { } flow:
                AddName(interval, "tls_sni", sni, flow.Originator.Address, tls.Timestamp);
                break;
            case HttpEvent http when http.Flow is { } flow:
                if (http.Host is { } host)
                {
                    AddName(interval, "http_host", StripPort(host), flow.Originator.Address, http.Timestamp);
                }

                if (http.UserAgent is { } agent && IsLocal(flow.Originator.Address))
                {
                    AddDevice(interval, null, flow.Originator.Address, http.Timestamp, "traffic", userAgent: agent);
                }

                break;
            case DhcpEvent dhcp:
                var address = dhcp.AssignedAddress ?? dhcp.RequestedAddress ?? dhcp.Flow?.Originator.Address;
                if (address is not null && !address.Equals(IPAddress.Any))
                {
                    AddDevice(interval, dhcp.ClientMac, address, dhcp.Timestamp, "dhcp", hostName: dhcp.HostName, vendorClass: dhcp.VendorClass);
                }

                break;
            case ArpEvent arp when !arp.SenderAddress.Equals(IPAddress.Any):
                AddDevice(interval, arp.SenderMac, arp.SenderAddress, arp.Timestamp, "arp");
                break;
            case NameEvent { Address: { } nameAddress } name:
                // Only answers and announcements: a query names the device asked for, not the one asking.
                AddDevice(interval, name.Mac, nameAddress, name.Timestamp, NameSource(name.Source), name: name.Name);
                break;
        }
    }

    /// <inheritdoc />
    public void OnAlert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        _alerts.OnAlert(alert);
        var key = (alert.Type, AggregationKey(alert));
        if (!_alertStates.ContainsKey(key))
        {
            _alertStates[key] = new AlertState(AlertId(alert.Type, key.Item2, alert.FirstSeen));
        }

        _dirtyAlerts.Add(key);
        if (_skipping)
        {
            return; // counted in an interval queued before the restart
        }

        if (_current is { } interval)
        {
            interval.AlertKeys.Add(key);
        }
        else
        {
            _pendingSecurityEvents.Add(key); // raised between intervals: counts in the next one
        }
    }

    private readonly HashSet<(AlertType, string)> _pendingSecurityEvents = [];

    /// <summary>Alerts raised or grown since the last call, with their stable ids.</summary>
    public IReadOnlyList<ShippedAlert> TakeChangedAlerts()
    {
        if (_dirtyAlerts.Count == 0)
        {
            return [];
        }

        var changed = new List<ShippedAlert>();
        foreach (var alert in _alerts.ToList())
        {
            var key = (alert.Type, AggregationKey(alert));
            if (!_dirtyAlerts.Contains(key))
            {
                continue;
            }

            var state = _alertStates[key];
            if (state.Shipped is { } shipped && shipped.Count == alert.Count && shipped.LastSeen == alert.LastSeen && shipped.Severity == alert.Severity)
            {
                continue;
            }

            state.Shipped = alert;
            changed.Add(new ShippedAlert(state.Id, alert.Evidence.Length <= 2000 ? alert : alert with { Evidence = alert.Evidence[..2000] }));
        }

        _dirtyAlerts.Clear();
        return changed;
    }

    /// <summary>Closed intervals and their summaries since the last call.</summary>
    public ClosedData TakeClosed()
    {
        var data = new ClosedData([.. _closedCounters], [.. _closedDevices], [.. _closedNames], [.. _closedFlows]);
        _closedCounters.Clear();
        _closedDevices.Clear();
        _closedNames.Clear();
        _closedFlows.Clear();
        return data;
    }

    private static string AggregationKey(Alert alert) =>
        alert.Key.Length == 0 ? alert.Src.Ip + "|" + alert.Dst?.Ip + "|" + alert.Dst?.Name : alert.Key;

    private Interval Roll(DateTimeOffset timestamp)
    {
        if (_current is { } current)
        {
            if (timestamp < current.End)
            {
                return current; // inside, or earlier than the interval: starts never go back
            }

            Close();
        }

        var length = IntervalLength.Ticks;
        var aligned = new DateTimeOffset(timestamp.UtcTicks - (timestamp.UtcTicks % length), TimeSpan.Zero);
        var floor = _lastEnd ?? ShippedUntil;
        var start = floor is { } f && f > aligned ? f : aligned;
        var end = aligned.AddTicks(length);
        if (end <= start)
        {
            end = start.AddTicks(length);
        }

        _current = new Interval(start, end);
        HarvestFlows();
        _current.Flows = 0;
        _captureDropsBase = _captureDrops;
        foreach (var key in _pendingSecurityEvents)
        {
            _current.AlertKeys.Add(key);
        }

        _pendingSecurityEvents.Clear();
        return _current;
    }

    private void HarvestFlows()
    {
        if (_engine is { } engine)
        {
            if (_current is { } current)
            {
                current.Flows += engine.Flows - _engineFlowBase;
            }

            _engineFlowBase = engine.Flows;
        }
    }

    private void Close()
    {
        if (_current is not { } interval)
        {
            return;
        }

        HarvestFlows();
        _closedCounters.Add(new CounterInterval(
            interval.Start, interval.End, interval.Packets, interval.Bytes, interval.Flows, interval.TrafficEvents,
            interval.AlertKeys.Count, interval.DevicesSeen.Count, Math.Max(0, _captureDrops - _captureDropsBase)));
        _captureDropsBase = _captureDrops;
        _closedDevices.AddRange(interval.Devices.Values.Select(d => d.ToSighting()));
        _closedNames.AddRange(interval.Names.Select(n => new NameSummary(n.Key.Kind, n.Key.Name, n.Key.Client, n.Value.First, n.Value.Last, n.Value.Count)));
        _closedFlows.AddRange(interval.FlowSummaries.Select(f => new FlowSummary(
            f.Key.Client, f.Key.Server, f.Key.Port, f.Key.Protocol, f.Value.First, f.Value.Last, f.Value.Count, f.Value.Bytes)));
        _lastEnd = interval.End;
        ShippedUntil = interval.End;
        _current = null;
    }

    private void AddFlow(Interval interval, ConnectionEvent connection, FlowInfo flow)
    {
        var protocol = flow.Protocol switch { 6 => "tcp", 17 => "udp", 1 or 58 => "icmp", _ => null };
        if (protocol is null)
        {
            return; // GRE, ESP ...: counted in the interval, not summarised (the contract knows tcp, udp, icmp)
        }

        var port = flow.Protocol is 6 or 17 ? flow.Responder.Port : 0;
        var key = new FlowKey(flow.Originator.Address.ToString(), flow.Responder.Address.ToString(), port, protocol);
        if (!interval.FlowSummaries.TryGetValue(key, out var summary))
        {
            if (interval.FlowSummaries.Count >= MaxSummariesPerInterval)
            {
                Overflow++;
                return;
            }

            summary = new Aggregate { First = connection.Start, Last = connection.Start };
            interval.FlowSummaries[key] = summary;
        }

        summary.Count++;
        summary.Bytes += connection.OriginatorBytes + connection.ResponderBytes;
        var end = connection.Start + connection.Duration;
        summary.Last = end > summary.Last ? end : summary.Last;
        summary.First = connection.Start < summary.First ? connection.Start : summary.First;
        foreach (var address in (ReadOnlySpan<IPAddress>)[flow.Originator.Address, flow.Responder.Address])
        {
            if (IsLocal(address))
            {
                interval.DevicesSeen.Add(address.ToString());
            }
        }
    }

    private void AddName(Interval interval, string kind, string name, IPAddress client, DateTimeOffset at)
    {
        if (name.Length == 0 || name.Length > MaxTextLength)
        {
            return; // not a host name (DNS names are at most 253 characters)
        }

        var key = new NameKey(kind, name.ToLowerInvariant(), client.ToString());
        if (!interval.Names.TryGetValue(key, out var summary))
        {
            if (interval.Names.Count >= MaxSummariesPerInterval)
            {
                Overflow++;
                return;
            }

            summary = new Aggregate { First = at, Last = at };
            interval.Names[key] = summary;
        }

        summary.Count++;
        summary.Last = at > summary.Last ? at : summary.Last;
    }

    private void AddDevice(
        Interval interval, PhysicalAddress? mac, IPAddress ip, DateTimeOffset at, string source,
        string? hostName = null, string? vendorClass = null, string? userAgent = null, string? name = null)
    {
        var macText = mac is null || mac.GetAddressBytes().Length == 0 ? null : FormatMac(mac);
        var ipText = ip.ToString();
        var key = (macText, ipText);
        if (!interval.Devices.TryGetValue(key, out var device))
        {
            // A name or user agent heard without a MAC belongs to the device already known at that IP.
            device = macText is null ? interval.Devices.Values.FirstOrDefault(d => d.Ip == ipText) : null;
            if (device is null)
            {
                if (interval.Devices.Count >= MaxSummariesPerInterval)
                {
                    Overflow++;
                    return;
                }

                device = new DeviceAggregate { Mac = macText, Ip = ipText, First = at, Last = at, Source = source };
                interval.Devices[key] = device;
            }
        }

        device.Last = at > device.Last ? at : device.Last;
        device.First = at < device.First ? at : device.First;
        device.HostName ??= Clip(hostName, MaxTextLength);
        device.VendorClass ??= Clip(vendorClass, MaxTextLength);
        device.UserAgent ??= Clip(userAgent, 500);
        if (source is "dhcp" || device.Source == "traffic")
        {
            device.Source = source;
        }

        if (name is not null && name.Length <= 240 && !name.Contains('|', StringComparison.Ordinal) && device.Names.Count < MaxNamesPerDevice && !device.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            device.Names.Add(name);
        }

        interval.DevicesSeen.Add(device.Ip); // by address, so a PC seen by ARP and in flows counts once
    }

    private static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    private static string NameSource(string source) => source switch
    {
        "nbns" or "netbios" => "netbios",
        "mdns" => "mdns",
        "llmnr" => "llmnr",
        _ => "traffic",
    };

    private static string FormatMac(PhysicalAddress mac) =>
        string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    private static string StripPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > 0 && !host.Contains(']', StringComparison.Ordinal) && host.IndexOf(':', StringComparison.Ordinal) == colon ? host[..colon] : host;
    }

    /// <summary>Private, link-local or unique-local: an office's own device rather than a server on the Internet.</summary>
    private static bool IsLocal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254);
        }

        return address.IsIPv6LinkLocal || address.IsIPv6UniqueLocal;
    }

    private readonly record struct NameKey(string Kind, string Name, string Client);

    private readonly record struct FlowKey(string Client, string Server, int Port, string Protocol);

    private sealed class Aggregate
    {
        public DateTimeOffset First { get; set; }
        public DateTimeOffset Last { get; set; }
        public long Count { get; set; }
        public long Bytes { get; set; }
    }

    private sealed class DeviceAggregate
    {
        public string? Mac { get; init; }
        public required string Ip { get; init; }
        public DateTimeOffset First { get; set; }
        public DateTimeOffset Last { get; set; }
        public string? HostName { get; set; }
        public string? VendorClass { get; set; }
        public string? UserAgent { get; set; }
        public required string Source { get; set; }
        public List<string> Names { get; } = [];

        public DeviceSighting ToSighting() =>
            new(Mac, Ip, First, Last, HostName, Names.Count == 0 ? null : [.. Names], VendorClass, UserAgent, Source);
    }

    private sealed class Interval(DateTimeOffset start, DateTimeOffset end)
    {
        public DateTimeOffset Start { get; } = start;
        public DateTimeOffset End { get; set; } = end;
        public long Packets { get; set; }
        public long Bytes { get; set; }
        public long Flows { get; set; }
        public long TrafficEvents { get; set; }
        public HashSet<(AlertType, string)> AlertKeys { get; } = [];
        public HashSet<string> DevicesSeen { get; } = new(StringComparer.Ordinal);
        public Dictionary<(string?, string), DeviceAggregate> Devices { get; } = [];
        public Dictionary<NameKey, Aggregate> Names { get; } = [];
        public Dictionary<FlowKey, Aggregate> FlowSummaries { get; } = [];
    }

    private sealed class AlertState(Guid id)
    {
        public Guid Id { get; } = id;
        public Alert? Shipped { get; set; }
    }
}

/// <summary>Closed counter intervals and the summaries collected in them.</summary>
public sealed record ClosedData(
    IReadOnlyList<CounterInterval> Counters,
    IReadOnlyList<DeviceSighting> Devices,
    IReadOnlyList<NameSummary> Names,
    IReadOnlyList<FlowSummary> Flows)
{
    /// <summary>Items of every list.</summary>
    public int ItemCount => Counters.Count + Devices.Count + Names.Count + Flows.Count;
}
