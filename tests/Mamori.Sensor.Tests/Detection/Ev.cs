using System.Net;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Tests.Detection;

/// <summary>Builds synthetic events and collects alerts for detector tests.</summary>
internal static class Ev
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static FlowInfo Flow(string src, int srcPort, string dst, int dstPort, byte protocol = 6) => new()
    {
        Uid = "C" + src + srcPort + dst + dstPort,
        CommunityId = "1:test",
        Protocol = protocol,
        Originator = new IPEndPoint(IPAddress.Parse(src), srcPort),
        Responder = new IPEndPoint(IPAddress.Parse(dst), dstPort),
    };

    public static LoginEvent Login(double seconds, string src, string dst, LoginProtocol protocol, LoginResult result, string? user = "alice", int port = 21, bool plaintext = false) => new()
    {
        Timestamp = T0.AddSeconds(seconds),
        Flow = Flow(src, 40000, dst, port),
        Protocol = protocol,
        Result = result,
        User = user,
        PlaintextPassword = plaintext,
    };

    public static ConnectionEvent Conn(double seconds, string src, string dst, int dstPort, string state, string? history = null, int srcPort = 40000, long origBytes = 0) => new()
    {
        Timestamp = T0.AddSeconds(seconds + 1),
        Start = T0.AddSeconds(seconds),
        Duration = TimeSpan.FromSeconds(1),
        Flow = Flow(src, srcPort, dst, dstPort),
        State = state,
        History = history,
        OriginatorBytes = origBytes,
        OriginatorPackets = 1,
    };

    public static DnsEvent Dns(double seconds, string src, string query, byte? rcode = 0, ushort type = 1, IReadOnlyList<string>? answers = null) => new()
    {
        Timestamp = T0.AddSeconds(seconds),
        Flow = Flow(src, 53000, "10.0.0.1", 53, 17),
        Query = query,
        QueryType = type,
        ResponseCode = rcode,
        Answers = answers ?? (rcode == 0 ? ["192.0.2.1"] : []),
        QueryLength = 12 + query.Length + 6,
        ResponseLength = 40 + query.Length,
    };

    public static HttpEvent Http(double seconds, string src, string dst, string uri, int status = 200, string? agent = "Mozilla/5.0", string host = "www.example.jp") => new()
    {
        Timestamp = T0.AddSeconds(seconds),
        Flow = Flow(src, 50000, dst, 80),
        Method = "GET",
        Host = host,
        Uri = uri,
        UserAgent = agent,
        StatusCode = status,
    };

    public static TlsEvent Tls(double seconds, string src, string dst, string sni, string? ja4 = null) => new()
    {
        Timestamp = T0.AddSeconds(seconds),
        Flow = Flow(src, 50001, dst, 443),
        ServerName = sni,
        Ja4 = ja4,
    };

    public static ProcessEvent Process(string image, string? parent = null, string? command = null, string? user = "PC01\\taro") => new()
    {
        Timestamp = T0,
        Host = "PC01",
        User = user,
        Image = image,
        ParentImage = parent,
        CommandLine = command,
    };

    /// <summary>Runs events through a detector, flushes, and returns the aggregated alerts.</summary>
    public static IReadOnlyList<Alert> Run(IDetector detector, IEnumerable<MetadataEvent> events)
    {
        var alerts = new AlertAggregator();
        foreach (var e in events)
        {
            detector.OnEvent(e, alerts);
        }

        detector.Flush(alerts);
        return alerts.ToList();
    }
}
