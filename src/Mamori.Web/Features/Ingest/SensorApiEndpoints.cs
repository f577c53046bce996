using System.Buffers;
using System.Text.Json;
using Mamori.Sensor.Shipping;
using Mamori.Web.Features.Ingest;
using Microsoft.AspNetCore.Http.Features;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The sensor API of <see cref="SensorApi"/>: enrolment, batches, configuration and rotation. None of
/// it uses the cookie sign-in: a sensor authenticates with its own bearer credential, and a sensor
/// credential opens nothing but these routes.
/// </summary>
public static class SensorApiEndpoints
{
    /// <summary>Rate-limit policy partitioned by sensor id.</summary>
    public const string SensorPolicy = "sensor";

    /// <summary>Rate-limit policy for enrolment, partitioned by client address.</summary>
    public const string EnrollPolicy = "sensor-enroll";

    public static IEndpointRouteBuilder MapSensorApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(SensorApi.Prefix).WithTags("Sensor API v1");

        api.MapPost("/enroll", EnrollAsync)
            .RequireRateLimiting(EnrollPolicy)
            .Accepts<EnrollRequest>("application/json")
            .Produces<EnrollResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("Exchange a one-time enrolment code for the sensor's credential");

        api.MapPost("/batches", PostBatchAsync)
            .RequireRateLimiting(SensorPolicy)
            .Accepts<SensorBatch>("application/json")
            .Produces<BatchReceipt>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Ship a batch (idempotent by batchId; stored all or nothing)");

        api.MapGet("/configuration", GetConfigurationAsync)
            .RequireRateLimiting(SensorPolicy)
            .Produces<SensorConfigurationDocument>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The detection settings and intel feeds the sensor runs with (ETag / If-None-Match)");

        api.MapPost("/rotate", RotateAsync)
            .RequireRateLimiting(SensorPolicy)
            .Produces<EnrollResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Replace the sensor's secret; the old one stops working");
        return endpoints;
    }

    private static async Task<IResult> EnrollAsync(HttpContext http, EnrollSensorHandler handler, CancellationToken cancellationToken)
    {
        EnrollRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync(ShippingJsonContext.Default.EnrollRequest, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            request = null;
        }

        if (request is null)
        {
            return new SensorApiError(StatusCodes.Status400BadRequest, SensorApiErrors.InvalidBatch, "The body must be a JSON enrolment request {code, hostName, agentVersion}.").ToResult();
        }

        var (response, error) = await handler.HandleAsync(request, cancellationToken);
        return error?.ToResult() ?? TypedResults.Json(response!, ShippingJsonContext.Default.EnrollResponse);
    }

    private static async Task<IResult> PostBatchAsync(
        HttpContext http,
        AuthenticateSensorHandler authenticate,
        IBatchPipeline pipeline,
        GetSensorConfigurationHandler configuration,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (sensor, error) = await authenticate.HandleAsync(http.Request.Headers.Authorization, cancellationToken);
        if (sensor is null)
        {
            return error!.ToResult();
        }

        var body = await ReadBodyAsync(http, cancellationToken);
        if (body is null)
        {
            return new SensorApiError(StatusCodes.Status413PayloadTooLarge, SensorApiErrors.InvalidBatch, $"A batch may be at most {SensorApi.MaxBatchBytes} bytes; send smaller batches.").ToResult();
        }

        SensorBatch? batch;
        try
        {
            batch = JsonSerializer.Deserialize(body, ShippingJsonContext.Default.SensorBatch);
        }
        catch (JsonException e)
        {
            // The message names the JSON path and position, never the value.
            return new SensorApiError(StatusCodes.Status400BadRequest, SensorApiErrors.InvalidBatch, "The batch is not valid JSON for the v1 contract; nothing was stored.", [Describe(e)]).ToResult();
        }

        if (batch is null)
        {
            return new SensorApiError(StatusCodes.Status400BadRequest, SensorApiErrors.InvalidBatch, "The body is empty; nothing was stored.").ToResult();
        }

        var faults = ValidateBatch.Check(batch, clock.GetUtcNow());
        if (faults.Count > 0)
        {
            return new SensorApiError(StatusCodes.Status400BadRequest, SensorApiErrors.InvalidBatch, "The batch failed validation; nothing of it was stored.", faults).ToResult();
        }

        bool duplicate;
        try
        {
            duplicate = await pipeline.AcceptAsync(sensor, batch, body, cancellationToken);
        }
        catch (IngestUnavailableException)
        {
            http.Response.Headers.RetryAfter = "5";
            return new SensorApiError(StatusCodes.Status503ServiceUnavailable, "unavailable", "The server cannot queue batches right now; nothing was stored. Send the batch again later.").ToResult();
        }

        var (_, etag) = await configuration.HandleAsync(sensor.OperatorId, sensor.SensorId, cancellationToken, allowCached: true);
        if (sensor.RotationRequired)
        {
            http.Response.Headers[SensorApi.RotateRequestedHeader] = "true";
        }

        return TypedResults.Json(new BatchReceipt(batch.BatchId, duplicate, etag), ShippingJsonContext.Default.BatchReceipt);
    }

    private static async Task<IResult> GetConfigurationAsync(HttpContext http, AuthenticateSensorHandler authenticate, GetSensorConfigurationHandler configuration, CancellationToken cancellationToken)
    {
        var (sensor, error) = await authenticate.HandleAsync(http.Request.Headers.Authorization, cancellationToken);
        if (sensor is null)
        {
            return error!.ToResult();
        }

        var (document, etag) = await configuration.HandleAsync(sensor.OperatorId, sensor.SensorId, cancellationToken);
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Json(document, ShippingJsonContext.Default.SensorConfigurationDocument);
    }

    private static async Task<IResult> RotateAsync(HttpContext http, AuthenticateSensorHandler authenticate, RotateSensorCredentialHandler rotate, CancellationToken cancellationToken)
    {
        var (sensor, error) = await authenticate.HandleAsync(http.Request.Headers.Authorization, cancellationToken);
        if (sensor is null)
        {
            return error!.ToResult();
        }

        var response = await rotate.HandleAsync(sensor, http.Request.Headers.Authorization, cancellationToken);
        return response is null
            ? new SensorApiError(StatusCodes.Status401Unauthorized, SensorApiErrors.InvalidCredential, "The credential changed while rotating; use the newest one.").ToResult()
            : TypedResults.Json(response, ShippingJsonContext.Default.EnrollResponse);
    }

    /// <summary>The body, or null when it is larger than <see cref="SensorApi.MaxBatchBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > SensorApi.MaxBatchBytes)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = SensorApi.MaxBatchBytes + 1L;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var body = new MemoryStream();
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (body.Length + read > SensorApi.MaxBatchBytes)
                {
                    return null;
                }

                body.Write(buffer, 0, read);
            }

            return body.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Describe(JsonException e) =>
        e.Path is { Length: > 0 } path ? $"{path}: not valid here (wrong type, unknown value or missing required property)" : "the body is not JSON";
}
