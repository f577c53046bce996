using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Http;

namespace Mamori.Sensor.Tests.Protocols.Http;

public class HttpParserTests
{
    private static readonly string s_errorPage = new('e', 357);

    // curl 7.88 "-H 'Transfer-Encoding: chunked' -d ..." against Python 3.11 http.server, recorded
    // in a network namespace (the 357-byte HTML error page is replaced by filler of the same length).
    private static readonly Segment[] s_chunkedPost =
    [
        Segment.Client("POST /upload/5 HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: chunked/5\r\nAccept: */*\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\ne\r\nchunked-body-5\r\n0\r\n\r\n"),
        Segment.Server("HTTP/1.1 501 Unsupported method ('POST')\r\nServer: SimpleHTTP/0.6 Python/3.11.7\r\nDate: Sun, 22 Nov 2026 02:22:36 GMT\r\nConnection: close\r\nContent-Type: text/html;charset=utf-8\r\nContent-Length: 357\r\n\r\n"),
        Segment.Server(s_errorPage),
    ];

    // Pipelined requests in curl's request format; responses exercise a fixed-length body, a
    // chunked body with a trailer, a 100 Continue interim response and a HEAD without body.
    private static readonly Segment[] s_pipelined =
    [
        Segment.Client("GET /a HTTP/1.1\r\nHost: intranet.example.test\r\nAuthorization: Basic dXNlcjE6c2VjcmV0MQ==\r\nUser-Agent: curl/7.88.1\r\n\r\n"
            + "HEAD /b HTTP/1.1\r\nHost: intranet.example.test\r\n\r\n"
            + "PUT /c HTTP/1.1\r\nHost: intranet.example.test\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\nbody"),
        Segment.Server("HTTP/1.1 401 Unauthorized\r\nContent-Length: 5\r\n\r\nnope!"
            + "HTTP/1.1 200 OK\r\nContent-Length: 999\r\nContent-Type: text/html\r\n\r\n"
            + "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n4\r\nabcd\r\n0\r\nX-Trailer: 1\r\n\r\n"),
    ];

    [Fact]
    public void OnData_ChunkedPost_ReportsRequestAndResponse()
    {
        HttpEvent http = Assert.IsType<HttpEvent>(Assert.Single(ProtocolTestKit.RunStream(() => new HttpParser(), s_chunkedPost)));
        Assert.Equal(("POST", "127.0.0.1", "/upload/5", "chunked/5", 501), (http.Method, http.Host, http.Uri, http.UserAgent, http.StatusCode));
        Assert.Equal((14L, 357L, "text/html;charset=utf-8"), (http.RequestBodyLength, http.ResponseBodyLength, http.ContentType));
    }

    [Fact]
    public void OnData_Pipelined_PairsInOrderAndReportsBasicUserOnly()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new HttpParser(), s_pipelined);
        HttpEvent[] http = [.. events.OfType<HttpEvent>()];
        Assert.Equal(["GET /a 401", "HEAD /b 200", "PUT /c 201"], http.Select(h => $"{h.Method} {h.Uri} {h.StatusCode}"));
        Assert.Equal([5L, 0L, 4L], http.Select(h => h.ResponseBodyLength));
        Assert.Equal("Basic", http[0].AuthorizationScheme);
        LoginEvent login = Assert.Single(events.OfType<LoginEvent>());
        Assert.Equal((LoginProtocol.HttpBasic, "user1", LoginResult.Failure, true, "401"), (login.Protocol, login.User, login.Result, login.PlaintextPassword, login.Status));
        Assert.DoesNotContain(events.Select(ProtocolTestKit.Describe), d => d.Contains("secret1", StringComparison.Ordinal));
    }

    [Fact]
    public void OnData_BearerRejectedThenAccepted_ReportsHttpLogins()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new HttpParser(),
        [
            Segment.Client("GET /api HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer old\r\n\r\n"),
            Segment.Server("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"),
            Segment.Client("GET /api HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer new\r\n\r\n"),
            Segment.Server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
        ]);
        Assert.Equal([LoginResult.Failure, LoginResult.Success], events.OfType<LoginEvent>().Select(l => l.Result));
        Assert.All(events.OfType<LoginEvent>(), l => Assert.Equal(LoginProtocol.Http, l.Protocol));
    }

    [Fact]
    public void OnData_NotHttp_ReportsNothing()
    {
        Assert.Empty(ProtocolTestKit.RunStream(() => new HttpParser(), [Segment.Client("\u0016\u0003\u0001garbage\r\n\r\n"), Segment.Server("SSH-2.0-x\r\n")]));
    }

    [Fact]
    public void OnData_SplitAnywhere_SameEvents()
    {
        StreamParserChecks.AssertSplitInvariant(() => new HttpParser(), s_chunkedPost);
        StreamParserChecks.AssertSplitInvariant(() => new HttpParser(), s_pipelined);
    }

    [Fact]
    public void OnData_EveryTruncation_NoWrongEvents()
    {
        StreamParserChecks.AssertTruncationsAreSafe(() => new HttpParser(), s_chunkedPost);
        StreamParserChecks.AssertTruncationsAreSafe(() => new HttpParser(), s_pipelined);
        StreamParserChecks.AssertGarbageIsSafe(() => new HttpParser(), s_pipelined);
    }
}
