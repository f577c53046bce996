using System.Globalization;
using System.Net;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Shipping;

namespace Mamori.Web.Features.Ingest;

/// <summary>
/// Checks a batch completely before anything is stored: every length against its column, every
/// address, port, enum, count and timestamp. One fault rejects the whole batch, so a store never holds
/// half of one. The messages name the item (<c>alerts[3].alert.src.ip</c>), never its value.
/// </summary>
public static class ValidateBatch
{
    private const int MaxReported = 20;

    private static readonly DateTimeOffset s_earliest = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> s_deviceSources = new(StringComparer.Ordinal) { "dhcp", "arp", "mdns", "llmnr", "netbios", "traffic" };
    private static readonly HashSet<string> s_nameKinds = new(StringComparer.Ordinal) { "dns", "tls_sni", "http_host" };
    private static readonly HashSet<string> s_protocols = new(StringComparer.Ordinal) { "tcp", "udp", "icmp" };

    /// <summary>The faults found (at most twenty); empty when the batch may be stored.</summary>
    public static IReadOnlyList<string> Check(SensorBatch batch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var errors = new List<string>();
        var latest = now.AddDays(1);

        void Fail(string path, string message)
        {
            if (errors.Count < MaxReported)
            {
                errors.Add(path + ": " + message);
            }
        }

        void Time(string path, DateTimeOffset value)
        {
            if (value < s_earliest || value > latest)
            {
                Fail(path, "timestamp out of range (2020 to one day ahead of the server clock)");
            }
        }

        void Span(string path, DateTimeOffset first, DateTimeOffset last)
        {
            Time(path + ".firstSeen", first);
            Time(path + ".lastSeen", last);
            if (last < first)
            {
                Fail(path, "lastSeen is before firstSeen");
            }
        }

        void Text(string path, string? value, int max, bool required)
        {
            if (value is null || value.Length == 0)
            {
                if (required)
                {
                    Fail(path, "required");
                }
            }
            else if (value.Length > max)
            {
                Fail(path, string.Create(CultureInfo.InvariantCulture, $"longer than {max} characters"));
            }
        }

        void Ip(string path, string? value, bool required)
        {
            if (value is null)
            {
                if (required)
                {
                    Fail(path, "required");
                }
            }
            else if (value.Length > 45 || !IPAddress.TryParse(value, out _))
            {
                Fail(path, "not an IP address");
            }
        }

        void Port(string path, int? value)
        {
            if (value is < 0 or > 65535)
            {
                Fail(path, "not a port (0-65535)");
            }
        }

        void NonNegative(string path, double value)
        {
            if (value < 0 || double.IsNaN(value) || double.IsInfinity(value))
            {
                Fail(path, "must be zero or more");
            }
        }

        if (batch.BatchId == Guid.Empty)
        {
            Fail("batchId", "required");
        }

        NonNegative("sequence", batch.Sequence);
        Time("createdAt", batch.CreatedAt);
        Text("agentVersion", batch.AgentVersion, 50, required: true);
        if (batch.Alerts is null || batch.Counters is null || batch.Devices is null || batch.Names is null || batch.Flows is null)
        {
            Fail("batch", "alerts, counters, devices, names and flows must be lists (empty when there is nothing)");
            return errors;
        }

        if (batch.ItemCount > SensorApi.MaxBatchItems)
        {
            Fail("batch", string.Create(CultureInfo.InvariantCulture, $"{batch.ItemCount} items, more than {SensorApi.MaxBatchItems}"));
            return errors;
        }

        for (var i = 0; i < batch.Alerts.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"alerts[{i}]");
            var shipped = batch.Alerts[i];
            if (shipped?.Alert is not { } alert)
            {
                Fail(path, "required");
                continue;
            }

            if (shipped.Id == Guid.Empty)
            {
                Fail(path + ".id", "required");
            }

            if (!Enum.IsDefined(alert.Type))
            {
                Fail(path + ".alert.type", "unknown alert type");
            }

            if (!Enum.IsDefined(alert.KillChain))
            {
                Fail(path + ".alert.killChain", "unknown stage");
            }

            if (!Enum.IsDefined(alert.Severity))
            {
                Fail(path + ".alert.severity", "unknown severity");
            }

            if (alert.Src is null)
            {
                Fail(path + ".alert.src", "required");
            }
            else
            {
                Ip(path + ".alert.src.ip", alert.Src.Ip, required: false);
                Port(path + ".alert.src.port", alert.Src.Port);
                Text(path + ".alert.src.name", alert.Src.Name, 255, required: false);
            }

            if (alert.Dst is not null)
            {
                Ip(path + ".alert.dst.ip", alert.Dst.Ip, required: false);
                Port(path + ".alert.dst.port", alert.Dst.Port);
                Text(path + ".alert.dst.name", alert.Dst.Name, 255, required: false);
            }

            Span(path + ".alert", alert.FirstSeen, alert.LastSeen);
            if (alert.Count < 1)
            {
                Fail(path + ".alert.count", "must be at least 1");
            }

            Text(path + ".alert.evidence", alert.Evidence, 2000, required: true);
        }

        for (var i = 0; i < batch.Counters.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"counters[{i}]");
            if (batch.Counters[i] is not { } c)
            {
                Fail(path, "required");
                continue;
            }

            Time(path + ".start", c.Start);
            Time(path + ".end", c.End);
            if (c.End <= c.Start || c.End - c.Start > TimeSpan.FromDays(1))
            {
                Fail(path, "end must be after start, at most a day later");
            }

            if (c.Packets < 0 || c.Bytes < 0 || c.Flows < 0 || c.TrafficEvents < 0 || c.SecurityEvents < 0 || c.DevicesSeen < 0 || c.CaptureDrops < 0)
            {
                Fail(path, "counts must be zero or more");
            }
        }

        for (var i = 0; i < batch.Devices.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"devices[{i}]");
            if (batch.Devices[i] is not { } d)
            {
                Fail(path, "required");
                continue;
            }

            if (d.Mac is not null && !IsMac(d.Mac))
            {
                Fail(path + ".mac", "not a lower-case colon MAC address");
            }

            Ip(path + ".ip", d.Ip, required: true);
            Span(path, d.FirstSeen, d.LastSeen);
            Text(path + ".hostName", d.HostName, 255, required: false);
            Text(path + ".vendorClass", d.VendorClass, 255, required: false);
            Text(path + ".userAgent", d.UserAgent, 500, required: false);
            if (d.Names is not null && (d.Names.Any(n => string.IsNullOrEmpty(n) || n.Contains('|', StringComparison.Ordinal)) || JoinedLength(d.Names) > 1000))
            {
                Fail(path + ".names", "names must be non-empty, without '|', 1000 characters in all");
            }

            if (d.Source is null || !s_deviceSources.Contains(d.Source))
            {
                Fail(path + ".source", "one of dhcp, arp, mdns, llmnr, netbios, traffic");
            }
        }

        for (var i = 0; i < batch.Names.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"names[{i}]");
            if (batch.Names[i] is not { } n)
            {
                Fail(path, "required");
                continue;
            }

            if (n.Kind is null || !s_nameKinds.Contains(n.Kind))
            {
                Fail(path + ".kind", "one of dns, tls_sni, http_host");
            }

            Text(path + ".name", n.Name, 255, required: true);
            Ip(path + ".clientIp", n.ClientIp, required: true);
            Span(path, n.FirstSeen, n.LastSeen);
            if (n.Count < 1)
            {
                Fail(path + ".count", "must be at least 1");
            }
        }

        for (var i = 0; i < batch.Flows.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"flows[{i}]");
            if (batch.Flows[i] is not { } f)
            {
                Fail(path, "required");
                continue;
            }

            Ip(path + ".clientIp", f.ClientIp, required: true);
            Ip(path + ".serverIp", f.ServerIp, required: true);
            Port(path + ".serverPort", f.ServerPort);
            if (f.Protocol is null || !s_protocols.Contains(f.Protocol))
            {
                Fail(path + ".protocol", "one of tcp, udp, icmp");
            }

            Span(path, f.FirstSeen, f.LastSeen);
            if (f.Flows < 0 || f.Bytes < 0)
            {
                Fail(path, "counts must be zero or more");
            }
        }

        if (batch.Health is not { } h)
        {
            Fail("health", "required");
        }
        else
        {
            Time("health.startedAt", h.StartedAt);
            NonNegative("health.captureDrops", h.CaptureDrops);
            NonNegative("health.queueDepth", h.QueueDepth);
            NonNegative("health.queueBytes", h.QueueBytes);
            NonNegative("health.cpuPercent", h.CpuPercent);
            NonNegative("health.memoryBytes", h.MemoryBytes);
            if (h.LostItems is not null && (h.LostItems.Count > 10 || FormatLostItems(h.LostItems)?.Length > 500
                || h.LostItems.Any(p => p.Value < 0 || p.Key.Length == 0 || p.Key.Contains('=', StringComparison.Ordinal) || p.Key.Contains(';', StringComparison.Ordinal))))
            {
                Fail("health.lostItems", "at most ten kinds with counts of zero or more");
            }
        }

        return errors;
    }

    /// <summary>"alerts=3;flows=10", as stored on the sensor's connection row.</summary>
    public static string? FormatLostItems(IReadOnlyDictionary<string, long>? lost) =>
        lost is null || lost.Count == 0
            ? null
            : string.Join(';', lost.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")));

    private static int JoinedLength(IReadOnlyList<string> names) => names.Sum(n => n.Length + 1) - 1;

    private static bool IsMac(string mac)
    {
        if (mac.Length != 17)
        {
            return false;
        }

        for (var i = 0; i < 17; i++)
        {
            var c = mac[i];
            var ok = i % 3 == 2 ? c == ':' : char.IsAsciiDigit(c) || c is >= 'a' and <= 'f';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
