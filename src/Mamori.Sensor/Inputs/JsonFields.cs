using System.Globalization;
using System.Net;
using System.Text.Json;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Inputs;

/// <summary>Tolerant field access for the JSON log readers.</summary>
internal static class JsonFields
{
    public static string? Text(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;

    public static JsonElement? Object(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    public static long? Long(this JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n))
        {
            return n;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d))
        {
            return (long)d;
        }

        return v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;
    }

    public static double? Double(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : null;

    public static bool? Bool(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null }
            : null;

    public static IReadOnlyList<string> Strings(this JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = new List<string>();
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
        }

        return list;
    }

    /// <summary>ISO 8601 with "+0900"-style offsets (Suricata) as well as "+09:00", or Unix seconds.</summary>
    public static bool TryTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Length > 5 && (text[^5] is '+' or '-') && char.IsAsciiDigit(text[^1]) && text[^3] != ':' && text.Contains('T', StringComparison.Ordinal))
        {
            text = text[..^2] + ":" + text[^2..];
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            time = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
            return true;
        }

        return false;
    }

    public static FlowInfo? Flow(string? uid, string? communityId, string? proto, string? srcIp, long? srcPort, string? dstIp, long? dstPort)
    {
        if (!IPAddress.TryParse(srcIp, out var src) || !IPAddress.TryParse(dstIp, out var dst))
        {
            return null;
        }

        return new FlowInfo
        {
            Uid = uid ?? "",
            CommunityId = communityId ?? "",
            Protocol = ProtocolNumber(proto),
            Originator = new IPEndPoint(src, (int)Math.Clamp(srcPort ?? 0, 0, 65535)),
            Responder = new IPEndPoint(dst, (int)Math.Clamp(dstPort ?? 0, 0, 65535)),
        };
    }

    public static byte ProtocolNumber(string? proto) => proto?.ToUpperInvariant() switch
    {
        "TCP" => 6,
        "UDP" => 17,
        "ICMP" => 1,
        "IPV6-ICMP" or "ICMPV6" or "ICMP6" => 58,
        "SCTP" => 132,
        _ => byte.TryParse(proto, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (byte)0,
    };

    public static ushort QueryType(string? name) => name?.ToUpperInvariant() switch
    {
        "A" => 1,
        "NS" => 2,
        "CNAME" => 5,
        "SOA" => 6,
        "NULL" => 10,
        "PTR" => 12,
        "MX" => 15,
        "TXT" => 16,
        "AAAA" => 28,
        "SRV" => 33,
        "SVCB" => 64,
        "HTTPS" => 65,
        "ANY" or "*" => 255,
        _ => ushort.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (ushort)0,
    };

    public static byte? ResponseCode(string? name) => name?.ToUpperInvariant() switch
    {
        null => null,
        "NOERROR" => 0,
        "FORMERR" => 1,
        "SERVFAIL" => 2,
        "NXDOMAIN" => 3,
        "NOTIMP" => 4,
        "REFUSED" => 5,
        _ => byte.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null,
    };
}
