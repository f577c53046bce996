using System.Text.Json;
using Mamori.Sensor.Agent;
using Mamori.Sensor.Shipping;

namespace Mamori.Sensor.Tests.Agent;

public sealed class BatchBuilderTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static SensorHealth Health(int after) => new(s_now, 0, after, 0, 0, 0);

    [Fact]
    public void Build_Nothing_ReturnsOneHeartbeat()
    {
        var builder = new BatchBuilder("1.0");

        var batch = Assert.Single(builder.Build([], new ClosedData([], [], [], []), 5, s_now, Health));

        Assert.Equal(5, batch.Sequence);
        Assert.Equal(0, batch.ItemCount);
        Assert.NotEqual(Guid.Empty, batch.BatchId);
        Assert.Equal("1.0", batch.AgentVersion);
    }

    [Fact]
    public void Build_MoreThanMaxItems_SplitsWithConsecutiveSequencesAlertsFirst()
    {
        var source = BatchSpoolTests.Batch(1, alerts: 3, counters: 4, devices: 2, names: 10, flows: 6);
        var builder = new BatchBuilder("1.0", maxItems: 10);

        var batches = builder.Build(source.Alerts, new ClosedData(source.Counters, source.Devices, source.Names, source.Flows), 41, s_now, Health);

        Assert.Equal(3, batches.Count);
        Assert.Equal([41L, 42, 43], batches.Select(b => b.Sequence));
        Assert.All(batches, b => Assert.True(b.ItemCount <= 10));
        Assert.Equal(25, batches.Sum(b => b.ItemCount));
        Assert.Equal(3, batches[0].Alerts.Count);
        Assert.Equal(4, batches[0].Counters.Count);
        Assert.Equal(3, batches.Select(b => b.BatchId).Distinct().Count());
        Assert.Equal([2, 1, 0], batches.Select(b => b.Health.QueueDepth)); // batches waiting after each
    }

    [Fact]
    public void Build_MoreThanMaxBytes_HalvesUntilEachFits()
    {
        var source = BatchSpoolTests.Batch(1, names: 400);
        var builder = new BatchBuilder("1.0", maxItems: 5_000, maxBytes: 16 * 1024);

        var batches = builder.Build([], new ClosedData([], [], source.Names, []), 1, s_now, Health);

        Assert.True(batches.Count >= 2);
        Assert.Equal(400, batches.Sum(b => b.Names.Count));
        Assert.All(batches, b => Assert.True(JsonSerializer.SerializeToUtf8Bytes(b, ShippingJsonContext.Default.SensorBatch).Length <= 16 * 1024));
        Assert.Equal(source.Names.Select(n => n.Name), batches.SelectMany(b => b.Names).Select(n => n.Name)); // order kept
    }

    [Fact]
    public void Constructor_LimitsAboveTheContract_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchBuilder("1.0", maxItems: SensorApi.MaxBatchItems + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchBuilder("1.0", maxBytes: SensorApi.MaxBatchBytes + 1));
    }
}
