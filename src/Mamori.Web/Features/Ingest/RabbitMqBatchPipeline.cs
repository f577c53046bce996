using System.Globalization;
using System.Text;
using System.Text.Json;
using Mamori.Sensor.Shipping;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Mamori.Web.Features.Ingest;

/// <summary>
/// The API side with RabbitMQ: a validated batch is published (persistent, confirmed) with the
/// sensor's identity in its headers, and 200 is answered only after the broker's confirm. A batch
/// already stored answers Duplicate at once; a replay still in the queue is dropped by the worker.
/// </summary>
public sealed class RabbitMqBatchPipeline(RabbitMqBroker broker, StoreBatchHandler store) : IBatchPipeline
{
    public async Task<bool> AcceptAsync(SensorIdentity sensor, SensorBatch batch, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(batch);
        if (await store.IsStoredAsync(sensor.SensorId, batch.BatchId, cancellationToken))
        {
            return true;
        }

        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = batch.BatchId.ToString("D"),
            ContentType = "application/json",
            Type = "sensor-batch/" + SensorApi.Version,
            Headers = new Dictionary<string, object?>
            {
                [RabbitMqHeaders.SensorId] = sensor.SensorId,
                [RabbitMqHeaders.OperatorId] = sensor.OperatorId,
                [RabbitMqHeaders.CompanyId] = sensor.CompanyId,
                [RabbitMqHeaders.SiteId] = sensor.SiteId,
            },
        };
        try
        {
            await broker.PublishAsync(body, properties, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not confirmed, so not accepted: the agent keeps the batch and sends it again.
            throw new IngestUnavailableException("The batch queue is unavailable: " + e.GetType().Name, e);
        }

        return false;
    }
}

/// <summary>The pipeline could not take the batch durably (broker down, no confirm): answered 503, the agent retries.</summary>
public sealed class IngestUnavailableException(string message, Exception inner) : Exception(message, inner);

internal static class RabbitMqHeaders
{
    public const string SensorId = "mamori-sensor-id";
    public const string OperatorId = "mamori-operator-id";
    public const string CompanyId = "mamori-company-id";
    public const string SiteId = "mamori-site-id";

    public static int Read(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers?.TryGetValue(name, out var value) == true
            ? value switch
            {
                int i => i,
                long l => checked((int)l),
                byte[] bytes => int.Parse(Encoding.UTF8.GetString(bytes), CultureInfo.InvariantCulture),
                _ => throw new FormatException("header " + name + " is not a number"),
            }
            : throw new FormatException("header " + name + " is missing");
}

/// <summary>
/// Processing workers: consume the quorum queue with manual acks and store each batch through the
/// same <see cref="StoreBatchHandler"/> as the in-process pipeline, acknowledging only after the
/// database commit. A redelivery (worker or broker restart) finds the batch id stored and is only acked.
/// </summary>
public sealed partial class RabbitMqBatchWorker(
    RabbitMqBroker broker,
    IServiceScopeFactory scopes,
    IOptions<IngestOptions> options,
    ILogger<RabbitMqBatchWorker> logger) : BackgroundService
{
    private readonly List<IChannel> _channels = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.RabbitMq;
        if (!settings.Enabled || settings.Workers <= 0)
        {
            return;
        }

        IConnection? connection = null;
        var delay = TimeSpan.FromSeconds(1);
        while (connection is null && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                connection = await broker.ConnectionAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogUnreachable(logger, delay.TotalSeconds, e.Message);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }

        if (connection is null)
        {
            return;
        }

        for (var i = 0; i < settings.Workers; i++)
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
            _channels.Add(channel);
            await broker.DeclareQueueAsync(channel, stoppingToken);
            await channel.BasicQosAsync(0, settings.Prefetch, false, stoppingToken);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery, stoppingToken);
            await channel.BasicConsumeAsync(settings.Queue, autoAck: false, consumer, stoppingToken);
        }

        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var channel in _channels)
        {
            await channel.DisposeAsync();
        }
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        SensorIdentity sensor;
        SensorBatch batch;
        try
        {
            sensor = new SensorIdentity(
                RabbitMqHeaders.Read(delivery.BasicProperties, RabbitMqHeaders.SensorId),
                RabbitMqHeaders.Read(delivery.BasicProperties, RabbitMqHeaders.OperatorId),
                RabbitMqHeaders.Read(delivery.BasicProperties, RabbitMqHeaders.CompanyId),
                RabbitMqHeaders.Read(delivery.BasicProperties, RabbitMqHeaders.SiteId));
            batch = JsonSerializer.Deserialize(delivery.Body.Span, ShippingJsonContext.Default.SensorBatch)
                ?? throw new FormatException("empty body");
        }
        catch (Exception e) when (e is FormatException or JsonException or OverflowException)
        {
            // The API validated every message it published: this one is not ours. Drop it, say so.
            LogUnreadable(logger, delivery.BasicProperties.MessageId, e.Message);
            await channel.BasicAckAsync(delivery.DeliveryTag, false, CancellationToken.None);
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().UseMember(sensor.OperatorId, sensor.CompanyId);
            await scope.ServiceProvider.GetRequiredService<StoreBatchHandler>().HandleAsync(sensor, batch, stoppingToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, false, CancellationToken.None);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Database down or a transient conflict: give it back to the queue and try again shortly.
            LogRetry(logger, batch.BatchId, e.Message);
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            if (channel.IsOpen)
            {
                await channel.BasicNackAsync(delivery.DeliveryTag, false, requeue: true, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ unreachable, retrying in {Seconds} s: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped an unreadable message {MessageId} from the batch queue: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string? messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} could not be stored, requeued: {Reason}")]
    private static partial void LogRetry(ILogger logger, Guid batchId, string reason);
}
