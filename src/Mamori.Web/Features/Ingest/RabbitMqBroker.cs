using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Mamori.Web.Features.Ingest;

/// <summary>
/// One connection per server process to the broker of <c>Mamori:Ingest:RabbitMq:Uri</c>, opened on
/// first use and recovered automatically (connection, channels, consumers) after a broker restart.
/// Batches go through one durable quorum queue; publishing waits for the broker's confirm.
/// </summary>
public sealed partial class RabbitMqBroker(IOptions<IngestOptions> options, ILogger<RabbitMqBroker> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly ConcurrentBag<IChannel> _publishChannels = [];
    private IConnection? _connection;

    public RabbitMqOptions Options => options.Value.RabbitMq;

    public async Task<IConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } open)
        {
            return open;
        }

        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { } existing)
            {
                // Automatic recovery brings a dropped connection back by itself, with its channels and
                // consumers; replacing it would orphan the workers. Until then, callers get an error.
                return existing.IsOpen ? existing : throw new InvalidOperationException("The RabbitMQ connection is recovering.");
            }

            var factory = new ConnectionFactory
            {
                Uri = new Uri(Options.Uri!),
                AutomaticRecoveryEnabled = true,
                TopologyRecoveryEnabled = true,
                NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
                ClientProvidedName = "mamori-ingest",
            };
            _connection = await factory.CreateConnectionAsync(cancellationToken);
            await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await DeclareQueueAsync(channel, cancellationToken);
            LogConnected(logger, Options.Queue);
            return _connection;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    public async Task DeclareQueueAsync(IChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await channel.QueueDeclareAsync(
            Options.Queue,
            durable: true,
            exclusive: false,
            autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" },
            cancellationToken: cancellationToken);
    }

    /// <summary>Publishes a persistent message and returns once the broker confirmed it (throws otherwise).</summary>
    public async Task PublishAsync(ReadOnlyMemory<byte> body, BasicProperties properties, CancellationToken cancellationToken)
    {
        var connection = await ConnectionAsync(cancellationToken);
        if (!_publishChannels.TryTake(out var channel) || channel.IsClosed)
        {
            channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.ConfirmTimeout);
        try
        {
            // With confirmation tracking the call completes when the broker has the message on disk
            // (quorum queue: on a majority); a nack or a return throws.
            await channel.BasicPublishAsync(exchange: "", routingKey: Options.Queue, mandatory: true, basicProperties: properties, body: body, cancellationToken: timeout.Token);
            _publishChannels.Add(channel);
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_publishChannels.TryTake(out var channel))
        {
            await channel.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connectLock.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to RabbitMQ; sensor batches go through quorum queue {Queue}")]
    private static partial void LogConnected(ILogger logger, string queue);
}
