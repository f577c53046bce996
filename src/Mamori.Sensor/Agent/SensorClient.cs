using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Mamori.Sensor.Shipping;

namespace Mamori.Sensor.Agent;

/// <summary>What went wrong talking to the server, in the agent's terms.</summary>
public enum SensorCallFailure
{
    /// <summary>No failure.</summary>
    None,
    /// <summary>The enrolment code does not exist.</summary>
    InvalidCode,
    /// <summary>The enrolment code expired.</summary>
    ExpiredCode,
    /// <summary>The code was already used.</summary>
    AlreadyEnrolled,
    /// <summary>The credential is wrong or unknown.</summary>
    InvalidCredential,
    /// <summary>The operator revoked the sensor.</summary>
    Revoked,
    /// <summary>The server refused the batch as invalid (400 or 413): retrying cannot help.</summary>
    Rejected,
    /// <summary>Too many requests: wait <see cref="SensorCallResult{T}.RetryAfter"/>.</summary>
    RateLimited,
    /// <summary>Network down, DNS, timeout, TLS, 5xx: retry later.</summary>
    Unreachable,
}

/// <summary>Outcome of one call.</summary>
/// <typeparam name="T">The answer's type.</typeparam>
/// <param name="Value">The answer when the call succeeded.</param>
/// <param name="Failure">Why it failed.</param>
/// <param name="Message">A plain sentence for logs and <c>mamori sensor status</c>.</param>
/// <param name="RetryAfter">The server's Retry-After, if any.</param>
public sealed record SensorCallResult<T>(T? Value, SensorCallFailure Failure, string? Message = null, TimeSpan? RetryAfter = null)
{
    /// <summary>Whether the call succeeded.</summary>
    public bool Succeeded => Failure == SensorCallFailure.None;
}

/// <summary>A configuration fetch: the document (null when unchanged) and its ETag.</summary>
/// <param name="Document">The new document, or null on 304 Not Modified.</param>
/// <param name="Etag">The ETag.</param>
public sealed record ConfigurationFetch(SensorConfigurationDocument? Document, string? Etag);

/// <summary>
/// The agent's side of the sensor API contract (<see cref="SensorApi"/>): enrolment, batches and
/// configuration over HTTPS. Classifies every answer so the agent can tell "retry later" from "stop".
/// </summary>
public sealed class SensorClient
{
    private readonly HttpClient _http;
    private readonly Uri _server;
    private readonly string? _credential;
    private readonly TimeProvider _time;

    /// <summary>Creates a client for <paramref name="server"/>.</summary>
    /// <param name="http">The HTTP client (owned by the caller).</param>
    /// <param name="server">Server base URL.</param>
    /// <param name="credential">Bearer credential, or null before enrolment.</param>
    /// <param name="time">Clock for Retry-After dates; the system clock when null.</param>
    public SensorClient(HttpClient http, Uri server, string? credential, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _server = server ?? throw new ArgumentNullException(nameof(server));
        _credential = credential;
    }

    /// <summary>
    /// Whether <paramref name="server"/> may be used: HTTPS always; plain HTTP only to a loopback address
    /// or when <paramref name="allowHttp"/> (tests, a lab) says so. The credential must not cross a network in clear.
    /// </summary>
    public static bool IsAllowed(Uri server, bool allowHttp)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (server.Scheme == Uri.UriSchemeHttps)
        {
            return true;
        }

        return server.Scheme == Uri.UriSchemeHttp && (allowHttp || server.IsLoopback);
    }

    /// <summary>POST <see cref="SensorApi.EnrollPath"/>.</summary>
    public async Task<SensorCallResult<EnrollResponse>> EnrollAsync(EnrollRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_server, SensorApi.EnrollPath))
        {
            Content = JsonContent(JsonSerializer.SerializeToUtf8Bytes(request, ShippingJsonContext.Default.EnrollRequest)),
        };
        return await SendAsync(message, ShippingJsonContext.Default.EnrollResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST <see cref="SensorApi.BatchesPath"/> with the queued bytes as they are.</summary>
    public async Task<SensorCallResult<BatchReceipt>> SendBatchAsync(byte[] payload, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_server, SensorApi.BatchesPath)) { Content = JsonContent(payload) };
        Authorize(message);
        return await SendAsync(message, ShippingJsonContext.Default.BatchReceipt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True once a server answer carried <see cref="SensorApi.RotateRequestedHeader"/>: the operator wants a new credential.</summary>
    public bool RotationRequested { get; private set; }

    /// <summary>POST <see cref="SensorApi.RotatePath"/>: a new credential replaces this one on the server.</summary>
    public async Task<SensorCallResult<EnrollResponse>> RotateAsync(CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_server, SensorApi.RotatePath)) { Content = JsonContent([]) };
        Authorize(message);
        return await SendAsync(message, ShippingJsonContext.Default.EnrollResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GET <see cref="SensorApi.ConfigurationPath"/> with If-None-Match.</summary>
    public async Task<SensorCallResult<ConfigurationFetch>> GetConfigurationAsync(string? etag, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(_server, SensorApi.ConfigurationPath));
        Authorize(message);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var parsed))
        {
            message.Headers.IfNoneMatch.Add(parsed);
        }

        try
        {
            using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var newEtag = response.Headers.ETag?.ToString() ?? etag;
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new(new ConfigurationFetch(null, etag), SensorCallFailure.None);
            }

            if (!response.IsSuccessStatusCode)
            {
                var failure = await ClassifyAsync(response, _time, cancellationToken).ConfigureAwait(false);
                return new(null, failure.Failure, failure.Message, failure.RetryAfter);
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var document = JsonSerializer.Deserialize(body, ShippingJsonContext.Default.SensorConfigurationDocument);
            return document is null
                ? new(null, SensorCallFailure.Unreachable, "the server sent an empty configuration")
                : new(new ConfigurationFetch(document, newEtag), SensorCallFailure.None);
        }
        catch (Exception exception) when (IsTransport(exception, cancellationToken))
        {
            return new(null, SensorCallFailure.Unreachable, Describe(exception));
        }
        catch (JsonException exception)
        {
            return new(null, SensorCallFailure.Unreachable, "the server's configuration is not valid JSON: " + exception.Message);
        }
    }

    private void Authorize(HttpRequestMessage message)
    {
        if (_credential is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _credential);
        }
    }

    private static ByteArrayContent JsonContent(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private async Task<SensorCallResult<T>> SendAsync<T>(
        HttpRequestMessage message, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var failure = await ClassifyAsync(response, _time, cancellationToken).ConfigureAwait(false);
                return new(null, failure.Failure, failure.Message, failure.RetryAfter);
            }

            if (response.Headers.TryGetValues(SensorApi.RotateRequestedHeader, out var rotate) && rotate.Contains("true", StringComparer.OrdinalIgnoreCase))
            {
                RotationRequested = true;
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var value = JsonSerializer.Deserialize(body, type);
            return value is null
                ? new(null, SensorCallFailure.Unreachable, "the server answered with an empty body")
                : new(value, SensorCallFailure.None);
        }
        catch (Exception exception) when (IsTransport(exception, cancellationToken))
        {
            return new(null, SensorCallFailure.Unreachable, Describe(exception));
        }
        catch (JsonException exception)
        {
            return new(null, SensorCallFailure.Unreachable, "the server's answer is not the sensor API (is the URL right?): " + exception.Message);
        }
    }

    private static bool IsTransport(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException or SocketException or AuthenticationException
        || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Describe(Exception exception) => exception switch
    {
        TaskCanceledException => "the server did not answer in time",
        HttpRequestException { InnerException: AuthenticationException } =>
            "the server's TLS certificate was not accepted (check the URL, the clock, and the CA): " + exception.Message,
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "the server's name could not be resolved (DNS): " + exception.Message,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "cannot connect to the server: " + exception.Message,
        _ => exception.Message,
    };

    private static async Task<(SensorCallFailure Failure, string Message, TimeSpan? RetryAfter)> ClassifyAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        string? code = null;
        string? detail = null;
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length > 0)
            {
                using var problem = JsonDocument.Parse(body);
                if (problem.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (problem.RootElement.TryGetProperty("type", out var type) && type.GetString() is { } typeText)
                    {
                        code = typeText[(typeText.LastIndexOfAny(['/', '#', ':']) + 1)..];
                    }

                    if (problem.RootElement.TryGetProperty("detail", out var detailElement) && detailElement.ValueKind == JsonValueKind.String)
                    {
                        detail = detailElement.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's HTML page): classify by status alone.
        }

        var status = (int)response.StatusCode;
        TimeSpan? retryAfter = null;
        if (response.Headers.RetryAfter is { } header)
        {
            // Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3); a date is measured against the server's clock when it sent one.
            retryAfter = header.Delta ?? (header.Date is { } date ? date - (response.Headers.Date ?? time.GetUtcNow()) : null);
        }

        var failure = code switch
        {
            SensorApiErrors.InvalidCode => SensorCallFailure.InvalidCode,
            SensorApiErrors.ExpiredCode => SensorCallFailure.ExpiredCode,
            SensorApiErrors.AlreadyEnrolled => SensorCallFailure.AlreadyEnrolled,
            SensorApiErrors.InvalidCredential => SensorCallFailure.InvalidCredential,
            SensorApiErrors.Revoked => SensorCallFailure.Revoked,
            SensorApiErrors.InvalidBatch => SensorCallFailure.Rejected,
            SensorApiErrors.RateLimited => SensorCallFailure.RateLimited,
            _ => status switch
            {
                401 => SensorCallFailure.InvalidCredential,
                403 => SensorCallFailure.Revoked,
                409 => SensorCallFailure.AlreadyEnrolled,
                410 => SensorCallFailure.ExpiredCode,
                400 or 413 or 422 => SensorCallFailure.Rejected,
                429 => SensorCallFailure.RateLimited,
                _ => SensorCallFailure.Unreachable,
            },
        };
        var message = string.Create(CultureInfo.InvariantCulture, $"HTTP {status}{(code is null ? "" : " " + code)}{(detail is null ? "" : ": " + detail)}");
        return (failure, message, retryAfter);
    }
}
