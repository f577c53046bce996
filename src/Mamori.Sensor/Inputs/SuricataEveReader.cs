using System.Text.Json;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Inputs;

/// <summary>
/// Suricata EVE JSON (https://docs.suricata.io/en/latest/output/eve/eve-json-format.html):
/// dns (v2 query/answer records and v3 request/response), http, tls, flow and alert records,
/// mapped to the shared events. Other event types are ignored.
/// </summary>
/// <remarks>
/// Suricata logs a DNS query and its answer as separate records; the reader pairs them by flow
/// and transaction id (a bounded table) so detectors see one <see cref="DnsEvent"/> per query,
/// as from the traffic engine. Unanswered queries are emitted when the table is full or at the end.
/// </remarks>
public sealed class SuricataEveReader : JsonLinesReader
{
    private const int MaxPending = 10_000;
    private readonly Dictionary<(string Flow, long Id), DnsEvent> _pending = [];
    private readonly Queue<(string Flow, long Id)> _pendingOrder = new();

    /// <inheritdoc />
    protected override string? Map(JsonElement record, List<MetadataEvent> events)
    {
        var type = record.Text("event_type");
        if (type is null)
        {
            return "no event_type (not an EVE record)";
        }

        if (!JsonFields.TryTime(record.Text("timestamp"), out var timestamp))
        {
            return "missing or bad timestamp";
        }

        var flow = JsonFields.Flow(record.Text("flow_id"), record.Text("community_id"), record.Text("proto"),
            record.Text("src_ip"), record.Long("src_port"), record.Text("dest_ip"), record.Long("dest_port"));
        if (flow is null && type is "dns" or "http" or "tls" or "flow" or "alert")
        {
            return "missing or bad src_ip/dest_ip";
        }

        switch (type)
        {
            case "dns":
                return MapDns(record, timestamp, flow!, events);
            case "http" when record.Object("http") is { } http:
                events.Add(new HttpEvent
                {
                    Timestamp = timestamp,
                    Flow = flow,
                    Method = http.Text("http_method") ?? "",
                    Host = http.Text("hostname"),
                    Uri = http.Text("url") ?? "/",
                    UserAgent = http.Text("http_user_agent"),
                    Version = http.Text("protocol"),
                    StatusCode = (int?)http.Long("status"),
                    ContentType = http.Text("http_content_type"),
                    ResponseBodyLength = http.Long("length") ?? 0,
                });
                return null;
            case "tls" when record.Object("tls") is { } tls:
                events.Add(new TlsEvent
                {
                    Timestamp = timestamp,
                    Flow = flow,
                    ServerName = tls.Text("sni"),
                    Version = tls.Text("version"),
                    Ja3 = tls.Object("ja3")?.Text("hash"),
                    Ja3s = tls.Object("ja3s")?.Text("hash"),
                    Ja4 = tls.Text("ja4"),
                    CertificateSubject = tls.Text("subject"),
                    CertificateIssuer = tls.Text("issuerdn"),
                });
                return null;
            case "flow" when record.Object("flow") is { } f:
                events.Add(MapFlow(record, f, timestamp, flow!));
                return null;
            case "alert" when record.Object("alert") is { } alert:
                events.Add(new IdsAlertEvent
                {
                    Timestamp = timestamp,
                    Flow = flow,
                    Signature = alert.Text("signature") ?? "",
                    SignatureId = alert.Long("signature_id") ?? 0,
                    Category = alert.Text("category"),
                    Severity = (int)(alert.Long("severity") ?? 3),
                });
                return null;
            case "http" or "tls" or "flow" or "alert":
                return $"\"{type}\" record without its \"{type}\" object";
            default:
                return null;
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<MetadataEvent> Finish()
    {
        var rest = _pendingOrder.Where(_pending.ContainsKey).Select(k => _pending[k]).ToList();
        _pending.Clear();
        _pendingOrder.Clear();
        return rest;
    }

    private string? MapDns(JsonElement record, DateTimeOffset timestamp, FlowInfo flow, List<MetadataEvent> events)
    {
        if (record.Object("dns") is not { } dns)
        {
            return "\"dns\" record without its \"dns\" object";
        }

        var kind = dns.Text("type");
        var id = dns.Long("id") ?? dns.Long("tx_id") ?? 0;
        var flowKey = flow.Uid.Length > 0 ? flow.Uid : flow.Originator + ">" + flow.Responder;
        string? name;
        string? rrtype;
        if (dns.TryGetProperty("queries", out var queries) && queries.ValueKind == JsonValueKind.Array && queries.GetArrayLength() > 0)
        {
            name = queries[0].Text("rrname");
            rrtype = queries[0].Text("rrtype");
        }
        else
        {
            name = dns.Text("rrname");
            rrtype = dns.Text("rrtype");
        }

        if (kind is "query" or "request")
        {
            if (name is null)
            {
                return "DNS query without rrname";
            }

            var query = new DnsEvent
            {
                Timestamp = timestamp,
                Flow = flow,
                TransactionId = (ushort)id,
                Query = name,
                QueryType = JsonFields.QueryType(rrtype),
                QueryTypeName = rrtype ?? "",
                QueryLength = 12 + name.Length + 2 + 4,
                Transport = flow.Protocol == 6 ? "tcp" : "udp",
            };
            if (_pending.TryAdd((flowKey, id), query))
            {
                _pendingOrder.Enqueue((flowKey, id));
                while (_pendingOrder.Count > MaxPending && _pendingOrder.TryDequeue(out var oldest))
                {
                    if (_pending.Remove(oldest, out var unanswered))
                    {
                        events.Add(unanswered);
                    }
                }
            }

            return null;
        }

        if (kind is not ("answer" or "response"))
        {
            return null;
        }

        var answers = new List<string>();
        var ttls = new List<uint>();
        if (dns.TryGetProperty("answers", out var answerArray) && answerArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var answer in answerArray.EnumerateArray())
            {
                if (answer.Text("rdata") is { } rdata)
                {
                    answers.Add(rdata);
                    ttls.Add((uint)Math.Max(0, answer.Long("ttl") ?? 0));
                }
            }
        }
        else if (dns.Object("grouped") is { } grouped)
        {
            foreach (var group in grouped.EnumerateObject())
            {
                if (group.Value.ValueKind == JsonValueKind.Array)
                {
                    answers.AddRange(group.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
                }
            }
        }

        var rcode = JsonFields.ResponseCode(dns.Text("rcode"));
        if (_pending.Remove((flowKey, id), out var asked))
        {
            events.Add(asked with
            {
                ResponseCode = rcode,
                ResponseCodeName = dns.Text("rcode"),
                Answers = answers,
                Ttls = ttls,
                ResponseLength = asked.QueryLength + answers.Sum(a => a.Length + 12),
            });
            return null;
        }

        if (name is null)
        {
            return null;
        }

        // An answer whose query was not logged: the record's direction is server → client.
        var clientFlow = flow.Responder.Port != 53 && flow.Originator.Port == 53
            ? new FlowInfo { Uid = flow.Uid, CommunityId = flow.CommunityId, Protocol = flow.Protocol, Originator = flow.Responder, Responder = flow.Originator, Vlan = flow.Vlan }
            : flow;
        events.Add(new DnsEvent
        {
            Timestamp = timestamp,
            Flow = clientFlow,
            TransactionId = (ushort)id,
            Query = name,
            QueryType = JsonFields.QueryType(rrtype),
            QueryTypeName = rrtype ?? "",
            ResponseCode = rcode,
            ResponseCodeName = dns.Text("rcode"),
            Answers = answers,
            Ttls = ttls,
            QueryLength = 12 + name.Length + 2 + 4,
            Transport = flow.Protocol == 6 ? "tcp" : "udp",
        });
        return null;
    }

    private static ConnectionEvent MapFlow(JsonElement record, JsonElement f, DateTimeOffset timestamp, FlowInfo flow)
    {
        JsonFields.TryTime(f.Text("start"), out var start);
        var end = JsonFields.TryTime(f.Text("end"), out var e) ? e : timestamp;
        var toServer = f.Long("pkts_toserver") ?? 0;
        var toClient = f.Long("pkts_toclient") ?? 0;
        string? state = null;
        string? history = null;
        if (flow.Protocol == 6 && record.Object("tcp") is { } tcp)
        {
            var clientFlags = tcp.Text("tcp_flags_ts") ?? "";
            var serverFlags = tcp.Text("tcp_flags_tc") ?? "";
            var (ts, tc) = (Flags(clientFlags), Flags(serverFlags));
            var bytesToServer = f.Long("bytes_toserver") ?? 0;
            // Suricata counts bytes on the wire, headers included: a bare handshake is ~60-80 bytes a packet.
            var data = bytesToServer > toServer * 80;
            history = (ts.Syn ? "S" : "") + (tc.Syn && tc.Ack ? "h" : "") + (ts.Ack ? "A" : "") + (data ? "D" : "") + (tc.Rst ? "r" : "") + (ts.Rst ? "R" : "") + (ts.Fin ? "F" : "") + (tc.Fin ? "f" : "");
            state = ts.Syn && toClient == 0 ? "S0"
                : ts.Syn && tc.Rst && !tc.Syn ? "REJ"
                : ts.Syn && tc.Syn && !ts.Ack && ts.Rst ? "RSTOS0"
                : ts.Fin && tc.Fin ? "SF"
                : ts.Rst ? "RSTO"
                : tc.Rst ? "RSTR"
                : ts.Syn && tc.Syn ? "S1"
                : "OTH";
        }
        else if (flow.Protocol == 17)
        {
            state = toClient == 0 ? "S0" : "SF";
        }

        return new ConnectionEvent
        {
            Timestamp = end,
            Flow = flow,
            Start = start == default ? end : start,
            Duration = start == default ? TimeSpan.Zero : end - start,
            OriginatorPackets = toServer,
            ResponderPackets = toClient,
            OriginatorBytes = Payload(f.Long("bytes_toserver") ?? 0, toServer, flow.Protocol),
            ResponderBytes = Payload(f.Long("bytes_toclient") ?? 0, toClient, flow.Protocol),
            State = state,
            History = history,
            Service = record.Text("app_proto") is { } app && app != "failed" ? app : null,
            EndReason = f.Text("reason"),
        };
    }

    // EVE counts frame bytes; Zeek-style events count payload. Subtract typical Ethernet+IP+TCP/UDP headers.
    private static long Payload(long bytes, long packets, byte protocol) =>
        Math.Max(0, bytes - packets * (protocol == 6 ? 66 : 42));

    private static (bool Syn, bool Ack, bool Rst, bool Fin) Flags(string hex)
    {
        if (!int.TryParse(hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var flags))
        {
            return default;
        }

        return ((flags & 0x02) != 0, (flags & 0x10) != 0, (flags & 0x04) != 0, (flags & 0x01) != 0);
    }
}
