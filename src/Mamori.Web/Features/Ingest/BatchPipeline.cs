using Mamori.Sensor.Shipping;

namespace Mamori.Web.Features.Ingest;

/// <summary>
/// Where an accepted batch goes. Answering 200 means the batch is durably stored (in-process) or
/// durably queued (RabbitMQ, after the broker's publisher confirm).
/// </summary>
public interface IBatchPipeline
{
    /// <returns>True when the batch had already been stored (nothing is stored again).</returns>
    Task<bool> AcceptAsync(SensorIdentity sensor, SensorBatch batch, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}

/// <summary>The default: the request itself stores the batch in one database transaction.</summary>
public sealed class InProcessBatchPipeline(StoreBatchHandler store) : IBatchPipeline
{
    public async Task<bool> AcceptAsync(SensorIdentity sensor, SensorBatch batch, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        !await store.HandleAsync(sensor, batch, cancellationToken);
}
