using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Mamori.Sensor.Shipping;

namespace Mamori.Sensor.Tests.Agent;

/// <summary>
/// A small server implementing the sensor API contract on loopback (HttpListener), with the server's
/// de-duplication by batch id, so agent tests can stop it, restart it, make it fail or revoke the sensor.
/// Records every alert by id and every counter interval by start, and any interval received twice.
/// </summary>
public sealed class SensorTestReceiver : IDisposable
{
    public const string GoodCode = "GOOD-CODE";
    public const string ExpiredCode = "OLD-CODE";
    public const string UsedCode = "USED-CODE";
    public const string Credential = "7.secret-for-tests";

    /// <summary>The credential a rotation hands out; once rotated, only it is accepted.</summary>
    public const string RotatedCredential = "7.rotated-secret-for-tests";

    /// <summary>When true, batch receipts ask the sensor to rotate its credential (as the operator's page does).</summary>
    public bool RequestRotation { get; set; }

    /// <summary>How many rotations were made.</summary>
    public int Rotations => _rotations;

    private int _rotations;
    private string _accepted = Credential;

    private readonly Lock _gate = new();
    private HttpListener? _listener;
    private Task? _loop;

    /// <param name="port">Port to listen on; a free one when null.</param>
    /// <param name="host">Address to listen on: loopback, or an address of a veth the test created.</param>
    public SensorTestReceiver(int? port = null, string host = "127.0.0.1")
    {
        Host = host;
        Port = port ?? FreePort();
    }

    public int Port { get; }

    public string Host { get; }

    public Uri BaseAddress => new($"http://{Host}:{Port}/");

    public bool Revoked { get; set; }

    /// <summary>Answer this many batch posts with 503 before accepting again.</summary>
    public int FailNextBatches { get; set; }

    /// <summary>Answer this many batch posts with 429 Retry-After: 1.</summary>
    public int RateLimitNextBatches { get; set; }

    public string ConfigurationEtag { get; set; } = "\"config-1\"";

    public SensorConfigurationDocument Configuration { get; set; } = new(JsonDocument.Parse("{}").RootElement, [], 1, 60);

    public ConcurrentDictionary<Guid, SensorBatch> Batches { get; } = new();

    public ConcurrentDictionary<Guid, ShippedAlert> Alerts { get; } = new();

    public ConcurrentDictionary<DateTimeOffset, CounterInterval> Counters { get; } = new();

    public ConcurrentBag<CounterInterval> DuplicateCounters { get; } = [];

    public ConcurrentBag<long> Sequences { get; } = [];

    public const string FeedPath = "/feeds/ipblocklist.txt";

    /// <summary>A Feodo Tracker style blocklist served at <see cref="FeedPath"/>.</summary>
    public string FeedContent { get; set; } = "# Feodo Tracker botnet C2 IP blocklist\n203.0.113.50\n";

    public Uri FeedUrl => new(BaseAddress, FeedPath);

    private int _feedDownloads;

    public int FeedDownloads => _feedDownloads;

    private int _duplicateBatches;
    private int _configurationFetches;
    private int _rejectedRequests;

    public int DuplicateBatches => _duplicateBatches;

    public int ConfigurationFetches => _configurationFetches;

    public int RejectedRequests => _rejectedRequests;

    public void Start()
    {
        lock (_gate)
        {
            var listener = new HttpListener();
            listener.Prefixes.Add(BaseAddress.ToString());
            listener.Start();
            _listener = listener;
            _loop = Task.Run(() => LoopAsync(listener));
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            _listener?.Abort();
            _listener = null;
        }

        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was aborted.
        }
    }

    public void Dispose() => Stop();

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    private async Task LoopAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await HandleAsync(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // Client went away or we were stopped mid-answer.
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        if (path == SensorApi.EnrollPath && request.HttpMethod == "POST")
        {
            var enroll = JsonSerializer.Deserialize(body.ToArray(), ShippingJsonContext.Default.EnrollRequest)!;
            switch (enroll.Code)
            {
                case GoodCode:
                    await WriteAsync(response, 200, JsonSerializer.SerializeToUtf8Bytes(
                        new EnrollResponse(7, Credential, "株式会社テスト製作所", "本社"), ShippingJsonContext.Default.EnrollResponse));
                    return;
                case ExpiredCode:
                    await ProblemAsync(response, 410, SensorApiErrors.ExpiredCode);
                    return;
                case UsedCode:
                    await ProblemAsync(response, 409, SensorApiErrors.AlreadyEnrolled);
                    return;
                default:
                    await ProblemAsync(response, 401, SensorApiErrors.InvalidCode);
                    return;
            }
        }

        if (path == FeedPath)
        {
            Interlocked.Increment(ref _feedDownloads);
            await WriteAsync(response, 200, Encoding.UTF8.GetBytes(FeedContent), "text/plain");
            return;
        }

        if (request.Headers["Authorization"] != "Bearer " + _accepted)
        {
            Interlocked.Increment(ref _rejectedRequests);
            await ProblemAsync(response, 401, SensorApiErrors.InvalidCredential);
            return;
        }

        if (Revoked)
        {
            Interlocked.Increment(ref _rejectedRequests);
            await ProblemAsync(response, 403, SensorApiErrors.Revoked);
            return;
        }

        if (path == SensorApi.RotatePath && request.HttpMethod == "POST")
        {
            _accepted = RotatedCredential;
            RequestRotation = false;
            Interlocked.Increment(ref _rotations);
            await WriteAsync(response, 200, JsonSerializer.SerializeToUtf8Bytes(
                new EnrollResponse(7, RotatedCredential, "株式会社テスト製作所", "本社"), ShippingJsonContext.Default.EnrollResponse));
            return;
        }

        if (path == SensorApi.ConfigurationPath)
        {
            Interlocked.Increment(ref _configurationFetches);
            if (request.Headers["If-None-Match"] == ConfigurationEtag)
            {
                response.StatusCode = 304;
                response.Close();
                return;
            }

            response.Headers["ETag"] = ConfigurationEtag;
            await WriteAsync(response, 200, JsonSerializer.SerializeToUtf8Bytes(Configuration, ShippingJsonContext.Default.SensorConfigurationDocument));
            return;
        }

        if (path == SensorApi.BatchesPath && request.HttpMethod == "POST")
        {
            if (RateLimitNextBatches > 0)
            {
                RateLimitNextBatches--;
                response.Headers["Retry-After"] = "1";
                await ProblemAsync(response, 429, SensorApiErrors.RateLimited);
                return;
            }

            if (FailNextBatches > 0)
            {
                FailNextBatches--;
                await WriteAsync(response, 503, "{}"u8.ToArray());
                return;
            }

            SensorBatch batch;
            try
            {
                batch = JsonSerializer.Deserialize(body.ToArray(), ShippingJsonContext.Default.SensorBatch)!;
            }
            catch (JsonException)
            {
                await ProblemAsync(response, 400, SensorApiErrors.InvalidBatch);
                return;
            }

            var duplicate = !Store(batch);
            if (RequestRotation)
            {
                response.Headers[SensorApi.RotateRequestedHeader] = "true";
            }

            await WriteAsync(response, 200, JsonSerializer.SerializeToUtf8Bytes(
                new BatchReceipt(batch.BatchId, duplicate, ConfigurationEtag), ShippingJsonContext.Default.BatchReceipt));
            return;
        }

        await WriteAsync(response, 404, "{}"u8.ToArray());
    }

    /// <summary>All or nothing, once per batch id: what the contract asks of the server.</summary>
    private bool Store(SensorBatch batch)
    {
        lock (_gate)
        {
            if (!Batches.TryAdd(batch.BatchId, batch))
            {
                _duplicateBatches++;
                return false;
            }

            Sequences.Add(batch.Sequence);
            foreach (var alert in batch.Alerts)
            {
                Alerts[alert.Id] = alert;
            }

            foreach (var counter in batch.Counters)
            {
                if (!Counters.TryAdd(counter.Start, counter))
                {
                    DuplicateCounters.Add(counter);
                }
            }

            return true;
        }
    }

    private static Task ProblemAsync(HttpListenerResponse response, int status, string code) =>
        WriteAsync(response, status, Encoding.UTF8.GetBytes($"{{\"type\":\"https://mamori.example/problems/{code}\",\"title\":\"{code}\",\"status\":{status}}}"), "application/problem+json");

    private static async Task WriteAsync(HttpListenerResponse response, int status, byte[] body, string contentType = "application/json")
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }
}
