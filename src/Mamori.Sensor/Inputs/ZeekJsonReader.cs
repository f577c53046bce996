using System.Text.Json;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Inputs;

/// <summary>
/// Zeek logs written as JSON (<c>LogAscii::use_json=T</c>): conn, dns, http, ssl, ssh and smb_files,
/// recognised by the "_path" field when present, else by the file name, else by their fields.
/// https://docs.zeek.org/en/master/logs/index.html
/// </summary>
public sealed class ZeekJsonReader : JsonLinesReader
{
    private readonly string? _pathHint;

    /// <summary>Creates a reader; <paramref name="fileName"/> ("conn.log", "dns.2024-01-01.log") hints the log type.</summary>
    public ZeekJsonReader(string? fileName = null)
    {
        var name = Path.GetFileName(fileName ?? "");
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        _pathHint = dot > 0 ? name[..dot] : null;
    }

    /// <inheritdoc />
    protected override string? Map(JsonElement record, List<MetadataEvent> events)
    {
        if (!JsonFields.TryTime(record.Text("ts"), out var timestamp))
        {
            return "missing or bad ts";
        }

        var flow = JsonFields.Flow(record.Text("uid"), record.Text("community_id"), record.Text("proto"),
            record.Text("id.orig_h"), record.Long("id.orig_p"), record.Text("id.resp_h"), record.Long("id.resp_p"));
        var path = record.Text("_path") ?? Guess(record);
        if (path is null)
        {
            return null;
        }

        if (flow is null && path is "conn" or "dns" or "http" or "ssl" or "ssh" or "smb_files")
        {
            return "missing or bad id.orig_h/id.resp_h";
        }

        switch (path)
        {
            case "conn":
                var proto = JsonFields.ProtocolNumber(record.Text("proto"));
                if (flow!.Protocol != proto)
                {
                    flow = new FlowInfo { Uid = flow.Uid, CommunityId = flow.CommunityId, Protocol = proto, Originator = flow.Originator, Responder = flow.Responder };
                }

                var duration = TimeSpan.FromSeconds(record.Double("duration") ?? 0);
                events.Add(new ConnectionEvent
                {
                    Timestamp = timestamp + duration,
                    Flow = flow,
                    Start = timestamp,
                    Duration = duration,
                    OriginatorPackets = record.Long("orig_pkts") ?? 0,
                    ResponderPackets = record.Long("resp_pkts") ?? 0,
                    OriginatorBytes = record.Long("orig_bytes") ?? 0,
                    ResponderBytes = record.Long("resp_bytes") ?? 0,
                    State = record.Text("conn_state"),
                    History = record.Text("history"),
                    Service = record.Text("service"),
                    MissedBytes = record.Long("missed_bytes") ?? 0,
                });
                return null;
            case "dns":
                if (record.Text("query") is not { } query)
                {
                    return null;
                }

                var answers = record.Strings("answers");
                events.Add(new DnsEvent
                {
                    Timestamp = timestamp,
                    Flow = flow,
                    TransactionId = (ushort)(record.Long("trans_id") ?? 0),
                    Query = query,
                    QueryType = (ushort)(record.Long("qtype") ?? JsonFields.QueryType(record.Text("qtype_name"))),
                    QueryTypeName = record.Text("qtype_name") ?? "",
                    ResponseCode = record.Long("rcode") is { } rcode ? (byte)rcode : JsonFields.ResponseCode(record.Text("rcode_name")),
                    ResponseCodeName = record.Text("rcode_name"),
                    Answers = answers,
                    Ttls = [.. (record.TryGetProperty("TTLs", out var ttls) && ttls.ValueKind == JsonValueKind.Array
                        ? ttls.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Number).Select(t => (uint)Math.Max(0, t.GetDouble()))
                        : [])],
                    QueryLength = 12 + query.Length + 2 + 4,
                    ResponseLength = answers.Count == 0 ? 0 : 12 + query.Length + 6 + answers.Sum(a => a.Length + 12),
                    Transport = flow!.Protocol == 6 ? "tcp" : "udp",
                });
                return null;
            case "http":
                events.Add(new HttpEvent
                {
                    Timestamp = timestamp,
                    Flow = flow,
                    Method = record.Text("method") ?? "",
                    Host = record.Text("host"),
                    Uri = record.Text("uri") ?? "/",
                    UserAgent = record.Text("user_agent"),
                    Version = record.Text("version"),
                    StatusCode = (int?)record.Long("status_code"),
                    RequestBodyLength = record.Long("request_body_len") ?? 0,
                    ResponseBodyLength = record.Long("response_body_len") ?? 0,
                });
                return null;
            case "ssl":
                events.Add(new TlsEvent
                {
                    Timestamp = timestamp,
                    Flow = flow,
                    ServerName = record.Text("server_name"),
                    Version = record.Text("version"),
                    Cipher = record.Text("cipher"),
                    Ja3 = record.Text("ja3"),
                    Ja3s = record.Text("ja3s"),
                    Ja4 = record.Text("ja4"),
                    CertificateSubject = record.Text("subject"),
                    CertificateIssuer = record.Text("issuer"),
                });
                return null;
            case "ssh":
                var success = record.Bool("auth_success");
                events.Add(new SshEvent
                {
                    Timestamp = timestamp,
                    Flow = flow,
                    ClientBanner = record.Text("client"),
                    ServerBanner = record.Text("server"),
                    AuthSuccess = success,
                    AuthAttempts = (int)(record.Long("auth_attempts") ?? 0),
                });
                if (success is { } ok)
                {
                    // Zeek's own SSH guessing policy counts each failed connection as one guess.
                    events.Add(new LoginEvent
                    {
                        Timestamp = timestamp,
                        Flow = flow,
                        Protocol = LoginProtocol.Ssh,
                        Result = ok ? LoginResult.Success : LoginResult.Failure,
                        Client = record.Text("client"),
                        Server = record.Text("server"),
                    });
                }

                return null;
            case "smb_files":
                // FILE_OPEN does not say whether the file was opened for writing, so only writes and reads count.
                SmbFileAction? action = record.Text("action") switch
                {
                    "SMB::FILE_WRITE" => SmbFileAction.Write,
                    "SMB::FILE_READ" => SmbFileAction.Read,
                    _ => null,
                };
                var tree = record.Text("path");
                var file = record.Text("name");
                if (action is not { } fileAction || tree is null || file is null)
                {
                    return null;
                }

                events.Add(new SmbFileEvent
                {
                    Timestamp = timestamp,
                    Flow = flow,
                    Action = fileAction,
                    Path = tree,
                    Share = tree[(tree.LastIndexOf('\\') + 1)..],
                    Name = file,
                });
                return null;
            default:
                return null;
        }
    }

    private string? Guess(JsonElement record)
    {
        if (_pathHint is "conn" or "dns" or "http" or "ssl" or "ssh" or "smb_files")
        {
            return _pathHint;
        }

        if (record.Text("action") is { } action && action.StartsWith("SMB::", StringComparison.Ordinal))
        {
            return "smb_files";
        }

        if (record.TryGetProperty("conn_state", out _))
        {
            return "conn";
        }

        if (record.TryGetProperty("qtype_name", out _) || record.TryGetProperty("rcode_name", out _))
        {
            return "dns";
        }

        if (record.TryGetProperty("method", out _) && record.TryGetProperty("uri", out _))
        {
            return "http";
        }

        if (record.TryGetProperty("server_name", out _) || record.TryGetProperty("ssl_history", out _))
        {
            return "ssl";
        }

        return record.TryGetProperty("auth_success", out _) || record.TryGetProperty("auth_attempts", out _) ? "ssh" : null;
    }
}
