using Mamori.Sensor.Detection;

namespace Mamori.Sensor.Shipping;

/// <summary>
/// One shipment from a sensor to the server: everything the sensor queued since the previous batch.
/// Nothing in it is a password, a payload or message content — only metadata.
/// </summary>
/// <remarks>
/// The server stores a batch all or nothing, and at most once per <see cref="BatchId"/>. Items carry
/// their own ids too (alerts are updated in place as they grow: same <see cref="ShippedAlert.Id"/>,
/// higher count), so a resend after a crash cannot double anything.
/// </remarks>
public sealed record SensorBatch
{
    /// <summary>Unique per batch, chosen by the agent when the batch is sealed on disk.</summary>
    public required Guid BatchId { get; init; }

    /// <summary>Monotonic per sensor: the server can tell gaps (lost batches) from reordering.</summary>
    public required long Sequence { get; init; }

    /// <summary>When the agent sealed the batch (sensor clock).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The agent's version.</summary>
    public required string AgentVersion { get; init; }

    /// <summary>Alerts raised or updated since the last batch.</summary>
    public IReadOnlyList<ShippedAlert> Alerts { get; init; } = [];

    /// <summary>Closed counter intervals.</summary>
    public IReadOnlyList<CounterInterval> Counters { get; init; } = [];

    /// <summary>Devices seen (MAC, IP, names) for the inventory.</summary>
    public IReadOnlyList<DeviceSighting> Devices { get; init; } = [];

    /// <summary>Names looked up or contacted, for retro-hunts when a feed adds an indicator.</summary>
    public IReadOnlyList<NameSummary> Names { get; init; } = [];

    /// <summary>Compact flow summaries (per client, server, port and interval).</summary>
    public IReadOnlyList<FlowSummary> Flows { get; init; } = [];

    /// <summary>The sensor's health at sealing time (also the heartbeat).</summary>
    public required SensorHealth Health { get; init; }

    /// <summary>Items of every list.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int ItemCount => Alerts.Count + Counters.Count + Devices.Count + Names.Count + Flows.Count;
}

/// <summary>An alert as shipped: the alert contract plus a stable id.</summary>
/// <param name="Id">Stable per finding on this sensor (derived from the alert's aggregation key); updates reuse it.</param>
/// <param name="Alert">The alert (type, stage, severity, src, dst, first/last seen, count, evidence).</param>
public sealed record ShippedAlert(Guid Id, Alert Alert);

/// <summary>Counters of one closed interval (R-7.1's counts come from these).</summary>
/// <param name="Start">Interval start (inclusive).</param>
/// <param name="End">Interval end (exclusive).</param>
/// <param name="Packets">Packets decoded.</param>
/// <param name="Bytes">Bytes decoded.</param>
/// <param name="Flows">Flows started.</param>
/// <param name="TrafficEvents">Metadata events (DNS, HTTP, TLS, logins ...) — the report's 通信イベント.</param>
/// <param name="SecurityEvents">Alerts raised or updated — the report's セキュリティイベント.</param>
/// <param name="DevicesSeen">Distinct devices (MAC or IP) seen in the interval.</param>
/// <param name="CaptureDrops">Packets the capture lost in the interval.</param>
public sealed record CounterInterval(
    DateTimeOffset Start,
    DateTimeOffset End,
    long Packets,
    long Bytes,
    long Flows,
    long TrafficEvents,
    long SecurityEvents,
    int DevicesSeen,
    long CaptureDrops);

/// <summary>A device seen on the network, merged per MAC and IP over the batch.</summary>
/// <param name="Mac">MAC address, lower-case colon form, or null (routed/IP-only).</param>
/// <param name="Ip">IP address.</param>
/// <param name="FirstSeen">First packet or message naming this pair.</param>
/// <param name="LastSeen">Last packet or message naming this pair.</param>
/// <param name="HostName">DHCP host name, or null.</param>
/// <param name="Names">Other names heard: NetBIOS, mDNS, LLMNR (distinct, at most a few).</param>
/// <param name="VendorClass">DHCP vendor class (an OS hint), or null.</param>
/// <param name="UserAgent">A browser user agent seen from the IP (an OS/software hint), or null.</param>
/// <param name="Source">Where the pairing came from: dhcp, arp, mdns, llmnr, netbios, traffic.</param>
public sealed record DeviceSighting(
    string? Mac,
    string Ip,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    string? HostName = null,
    IReadOnlyList<string>? Names = null,
    string? VendorClass = null,
    string? UserAgent = null,
    string Source = "traffic");

/// <summary>A name a client looked up or contacted, aggregated over the batch.</summary>
/// <param name="Kind">dns, tls_sni or http_host.</param>
/// <param name="Name">The name, lower-case.</param>
/// <param name="ClientIp">The client.</param>
/// <param name="FirstSeen">First time.</param>
/// <param name="LastSeen">Last time.</param>
/// <param name="Count">Times seen.</param>
public sealed record NameSummary(string Kind, string Name, string ClientIp, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Count);

/// <summary>Flows between a client and a server port, aggregated over the batch.</summary>
/// <param name="ClientIp">Originator.</param>
/// <param name="ServerIp">Responder.</param>
/// <param name="ServerPort">Responder port (0 for ICMP).</param>
/// <param name="Protocol">tcp, udp or icmp.</param>
/// <param name="FirstSeen">First flow start.</param>
/// <param name="LastSeen">Last flow end.</param>
/// <param name="Flows">Number of flows.</param>
/// <param name="Bytes">Bytes both ways.</param>
public sealed record FlowSummary(string ClientIp, string ServerIp, int ServerPort, string Protocol, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Flows, long Bytes);

/// <summary>Heartbeat figures.</summary>
/// <param name="StartedAt">When the agent process started.</param>
/// <param name="CaptureDrops">Packets lost by the capture since start.</param>
/// <param name="QueueDepth">Batches waiting on disk after this one.</param>
/// <param name="QueueBytes">Bytes of the on-disk queue.</param>
/// <param name="CpuPercent">Agent CPU use over the last interval, 0–100 per core summed.</param>
/// <param name="MemoryBytes">Agent working set.</param>
/// <param name="LostItems">Items dropped because the disk bound was hit, by kind (alerts, counters, devices, names, flows), since start.</param>
public sealed record SensorHealth(
    DateTimeOffset StartedAt,
    long CaptureDrops,
    int QueueDepth,
    long QueueBytes,
    double CpuPercent,
    long MemoryBytes,
    IReadOnlyDictionary<string, long>? LostItems = null);
