using System.Net;
using System.Net.NetworkInformation;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Engine;

/// <summary>
/// Writes events as JSON Lines with field names taken from Zeek's logs (ts, uid, id.orig_h,
/// id.orig_p, id.resp_h, id.resp_p, ...; https://docs.zeek.org/en/master/logs/index.html) plus a
/// <c>kind</c> field naming the log. Hand-written with <see cref="Utf8JsonWriter"/>: no reflection,
/// so it stays AOT-safe and fast.
/// </summary>
public sealed class JsonLinesEventWriter : IEventSink, IDisposable
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Utf8JsonWriter _writer;

    /// <summary>Writes to <paramref name="stream"/>.</summary>
    public JsonLinesEventWriter(Stream stream, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            // Output is a log file, not HTML: keep '+', '<', non-ASCII names readable as Zeek does.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    /// <summary>Lines written.</summary>
    public long Lines { get; private set; }

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent)
    {
        ArgumentNullException.ThrowIfNull(metadataEvent);
        var w = _writer;
        w.WriteStartObject();
        var ts = metadataEvent is ConnectionEvent connection ? connection.Start : metadataEvent.Timestamp;
        w.WriteNumber("ts", (ts.UtcTicks - UnixEpochTicks) / 10_000_000m);
        w.WriteString("kind", metadataEvent.Kind);
        if (metadataEvent.Flow is { } flow)
        {
            w.WriteString("uid", flow.Uid);
            w.WriteString("id.orig_h", flow.Originator.Address.ToString());
            w.WriteNumber("id.orig_p", flow.Originator.Port);
            w.WriteString("id.resp_h", flow.Responder.Address.ToString());
            w.WriteNumber("id.resp_p", flow.Responder.Port);
            w.WriteString("proto", flow.Protocol switch { 6 => "tcp", 17 => "udp", 1 or 58 => "icmp", _ => flow.Protocol.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            w.WriteString("community_id", flow.CommunityId);
            if (flow.Vlan is { } vlan)
            {
                w.WriteNumber("vlan", vlan);
            }
        }

        switch (metadataEvent)
        {
            case ConnectionEvent e: WriteConnection(w, e); break;
            case DnsEvent e: WriteDns(w, e); break;
            case HttpEvent e: WriteHttp(w, e); break;
            case TlsEvent e: WriteTls(w, e); break;
            case LoginEvent e: WriteLogin(w, e); break;
            case SshEvent e: WriteSsh(w, e); break;
            case DhcpEvent e: WriteDhcp(w, e); break;
            case ArpEvent e: WriteArp(w, e); break;
            case NameEvent e: WriteName(w, e); break;
            case KerberosEvent e: WriteKerberos(w, e); break;
        }

        w.WriteEndObject();
        w.Flush();
        w.Reset();
        _stream.WriteByte((byte)'\n');
        Lines++;
    }

    private static void WriteConnection(Utf8JsonWriter w, ConnectionEvent e)
    {
        w.WriteNumber("duration", e.Duration.Ticks / 10_000_000m);
        w.WriteNumber("orig_bytes", e.OriginatorBytes);
        w.WriteNumber("resp_bytes", e.ResponderBytes);
        w.WriteNumber("orig_pkts", e.OriginatorPackets);
        w.WriteNumber("resp_pkts", e.ResponderPackets);
        WriteOptional(w, "conn_state", e.State);
        WriteOptional(w, "history", e.History);
        WriteOptional(w, "service", e.Service);
        w.WriteNumber("missed_bytes", e.MissedBytes);
        WriteOptional(w, "end_reason", e.EndReason);
    }

    private static void WriteDns(Utf8JsonWriter w, DnsEvent e)
    {
        w.WriteNumber("trans_id", e.TransactionId);
        w.WriteString("query", e.Query);
        w.WriteNumber("qtype", e.QueryType);
        w.WriteString("qtype_name", e.QueryTypeName);
        if (e.ResponseCode is { } rcode)
        {
            w.WriteNumber("rcode", rcode);
        }

        WriteOptional(w, "rcode_name", e.ResponseCodeName);
        w.WriteStartArray("answers");
        foreach (var answer in e.Answers)
        {
            w.WriteStringValue(answer);
        }

        w.WriteEndArray();
        w.WriteStartArray("TTLs");
        foreach (var ttl in e.Ttls)
        {
            w.WriteNumberValue(ttl);
        }

        w.WriteEndArray();
        w.WriteNumber("query_len", e.QueryLength);
        w.WriteNumber("resp_len", e.ResponseLength);
        w.WriteString("transport", e.Transport);
    }

    private static void WriteHttp(Utf8JsonWriter w, HttpEvent e)
    {
        w.WriteString("method", e.Method);
        WriteOptional(w, "host", e.Host);
        w.WriteString("uri", e.Uri);
        WriteOptional(w, "user_agent", e.UserAgent);
        WriteOptional(w, "version", e.Version);
        if (e.StatusCode is { } status)
        {
            w.WriteNumber("status_code", status);
        }

        WriteOptional(w, "resp_mime_type", e.ContentType);
        WriteOptional(w, "auth_scheme", e.AuthorizationScheme);
        w.WriteNumber("request_body_len", e.RequestBodyLength);
        w.WriteNumber("response_body_len", e.ResponseBodyLength);
    }

    private static void WriteTls(Utf8JsonWriter w, TlsEvent e)
    {
        WriteOptional(w, "server_name", e.ServerName);
        w.WriteStartArray("alpn");
        foreach (var protocol in e.Alpn)
        {
            w.WriteStringValue(protocol);
        }

        w.WriteEndArray();
        WriteOptional(w, "client_version", e.ClientVersion);
        WriteOptional(w, "version", e.Version);
        WriteOptional(w, "cipher", e.Cipher);
        WriteOptional(w, "ja3", e.Ja3);
        WriteOptional(w, "ja3s", e.Ja3s);
        WriteOptional(w, "ja4", e.Ja4);
        WriteOptional(w, "subject", e.CertificateSubject);
        WriteOptional(w, "issuer", e.CertificateIssuer);
    }

    private static void WriteLogin(Utf8JsonWriter w, LoginEvent e)
    {
        w.WriteString("protocol", e.Protocol.ToString());
        WriteOptional(w, "user", e.User);
        WriteOptional(w, "domain", e.Domain);
        WriteOptional(w, "workstation", e.Workstation);
        w.WriteString("result", e.Result.ToString());
        w.WriteBoolean("plaintext_password", e.PlaintextPassword);
        WriteOptional(w, "status", e.Status);
        WriteOptional(w, "client", e.Client);
        WriteOptional(w, "server", e.Server);
    }

    private static void WriteSsh(Utf8JsonWriter w, SshEvent e)
    {
        WriteOptional(w, "client", e.ClientBanner);
        WriteOptional(w, "server", e.ServerBanner);
        if (e.AuthSuccess is { } success)
        {
            w.WriteBoolean("auth_success", success);
        }

        w.WriteNumber("auth_attempts", e.AuthAttempts);
    }

    private static void WriteDhcp(Utf8JsonWriter w, DhcpEvent e)
    {
        w.WriteString("msg_type", e.MessageType);
        w.WriteString("mac", FormatMac(e.ClientMac));
        WriteOptional(w, "host_name", e.HostName);
        WriteOptional(w, "vendor_class", e.VendorClass);
        WriteOptional(w, "requested_addr", e.RequestedAddress);
        WriteOptional(w, "assigned_addr", e.AssignedAddress);
        if (e.LeaseTime is { } lease)
        {
            w.WriteNumber("lease_time", lease.Ticks / 10_000_000m);
        }

        WriteOptional(w, "param_list", e.ParameterRequestList);
    }

    private static void WriteArp(Utf8JsonWriter w, ArpEvent e)
    {
        w.WriteString("operation", e.Operation);
        w.WriteString("src_mac", FormatMac(e.SenderMac));
        w.WriteString("src_addr", e.SenderAddress.ToString());
        if (e.TargetMac is { } targetMac)
        {
            w.WriteString("dst_mac", FormatMac(targetMac));
        }

        w.WriteString("dst_addr", e.TargetAddress.ToString());
    }

    private static void WriteName(Utf8JsonWriter w, NameEvent e)
    {
        w.WriteString("source", e.Source);
        w.WriteString("name", e.Name);
        w.WriteBoolean("announcement", e.IsAnnouncement);
        WriteOptional(w, "addr", e.Address);
        if (e.Mac is { } mac)
        {
            w.WriteString("mac", FormatMac(mac));
        }
    }

    private static void WriteKerberos(Utf8JsonWriter w, KerberosEvent e)
    {
        w.WriteString("request_type", e.MessageType);
        WriteOptional(w, "client", e.Client);
        WriteOptional(w, "realm", e.Realm);
        WriteOptional(w, "service", e.Service);
        if (e.ErrorCode is { } code)
        {
            w.WriteNumber("error_code", code);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, IPAddress? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value.ToString());
        }
    }

    /// <summary>Zeek writes MACs as lower-case colon-separated hex.</summary>
    private static string FormatMac(PhysicalAddress mac)
    {
        var bytes = mac.GetAddressBytes();
        return string.Create(bytes.Length == 0 ? 0 : (bytes.Length * 3) - 1, bytes, static (chars, b) =>
        {
            for (var i = 0; i < b.Length; i++)
            {
                if (i > 0)
                {
                    chars[(i * 3) - 1] = ':';
                }

                chars[i * 3] = "0123456789abcdef"[b[i] >> 4];
                chars[(i * 3) + 1] = "0123456789abcdef"[b[i] & 0xF];
            }
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
