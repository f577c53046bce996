using Mamori.Sensor.Agent;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Shipping;

namespace Mamori.Sensor.Tests.Agent;

public sealed class BatchSpoolTests : IDisposable
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("mamori-spool-");

    public void Dispose() => _directory.Delete(recursive: true);

    internal static SensorBatch Batch(long sequence, int alerts = 0, int counters = 0, int devices = 0, int names = 0, int flows = 0) => new()
    {
        BatchId = Guid.NewGuid(),
        Sequence = sequence,
        CreatedAt = s_t0.AddMinutes(sequence),
        AgentVersion = "test",
        Alerts = [.. Enumerable.Range(0, alerts).Select(i => new ShippedAlert(Guid.NewGuid(), Alert.Create(
            AlertType.PortScan, AlertSeverity.Medium, new AlertEndpoint("10.0.0.66"), new AlertEndpoint("10.0.0.20"), s_t0, s_t0, 10 + i, "scan", "k" + i)))],
        Counters = [.. Enumerable.Range(0, counters).Select(i => new CounterInterval(s_t0.AddMinutes(sequence * 100 + i), s_t0.AddMinutes(sequence * 100 + i + 1), 100, 10_000, 5, 20, 1, 3, 0))],
        Devices = [.. Enumerable.Range(0, devices).Select(i => new DeviceSighting("02:00:00:00:00:01", "192.168.1." + i, s_t0, s_t0))],
        Names = [.. Enumerable.Range(0, names).Select(i => new NameSummary("dns", $"host{i}.example.jp", "192.168.1.10", s_t0, s_t0, 1))],
        Flows = [.. Enumerable.Range(0, flows).Select(i => new FlowSummary("192.168.1.10", "203.0.113." + (i % 250), 443, "tcp", s_t0, s_t0, 1, 1000))],
        Health = new SensorHealth(s_t0, 0, 0, 0, 1.5, 50_000_000),
    };

    [Fact]
    public void Peek_AfterReopen_ReturnsBatchesInSequenceOrderWithTheirIds()
    {
        var spool = BatchSpool.Open(_directory.FullName, 10_000_000);
        var batches = new[] { Batch(3, alerts: 1), Batch(1, counters: 1), Batch(2, names: 2) };
        spool.Enqueue(batches);

        var reopened = BatchSpool.Open(_directory.FullName, 10_000_000);

        Assert.Equal(3, reopened.Count);
        Assert.Equal(3, reopened.HighestSequence);
        foreach (var expected in batches.OrderBy(b => b.Sequence))
        {
            var item = reopened.Peek();
            Assert.NotNull(item);
            Assert.Equal(expected.BatchId, item.BatchId);
            Assert.Equal(expected.Sequence, item.Sequence);
            reopened.Complete(item.BatchId);
        }

        Assert.Null(reopened.Peek());
        Assert.Empty(Directory.GetFiles(_directory.FullName, "*.batch"));
    }

    [Fact]
    public void Enqueue_AfterWrite_RunsBeforeTheBatchIsVisibleToOthers()
    {
        var spool = BatchSpool.Open(_directory.FullName, 10_000_000);
        var seenInside = -1;
        spool.Enqueue([Batch(1, alerts: 1)], () => seenInside = Directory.GetFiles(_directory.FullName, "*.batch").Length);

        Assert.Equal(1, seenInside); // on disk before the checkpoint runs
        Assert.Equal(1, spool.Count);
    }

    [Fact]
    public void Enqueue_OverBound_DropsFlowsAndNamesOfTheOldestFirstAndCountsThem()
    {
        var probe = BatchSpool.Open(Path.Combine(_directory.FullName, "probe"), 10_000_000);
        probe.Enqueue([Batch(1, alerts: 2, counters: 2, devices: 2, names: 50, flows: 50)]);
        var oneBatch = probe.Bytes;
        var spool = BatchSpool.Open(Path.Combine(_directory.FullName, "q"), (long)(oneBatch * 2.5));

        spool.Enqueue([Batch(1, alerts: 2, counters: 2, devices: 2, names: 50, flows: 50)]);
        spool.Enqueue([Batch(2, alerts: 2, counters: 2, devices: 2, names: 50, flows: 50)]);
        spool.Enqueue([Batch(3, alerts: 2, counters: 2, devices: 2, names: 50, flows: 50)]);

        Assert.True(spool.Bytes <= spool.MaxBytes);
        Assert.Equal(3, spool.Count);
        var lost = spool.LostItems;
        Assert.Equal(50, lost["flows"]);
        Assert.Equal(50, lost["names"]);
        Assert.False(lost.ContainsKey("alerts"));
        Assert.False(lost.ContainsKey("counters"));
        var oldest = BatchSpool.ReadFile(Directory.GetFiles(Path.Combine(_directory.FullName, "q"), "*.batch").Order(StringComparer.Ordinal).First())!;
        Assert.Equal(1, oldest.Sequence);
        Assert.Empty(oldest.Flows);
        Assert.Empty(oldest.Names);
        Assert.Equal(2, oldest.Alerts.Count);
        Assert.Equal(2, oldest.Counters.Count);
    }

    [Fact]
    public void Enqueue_FarOverBound_DropsSummariesThenCountersAndDevicesThenOldestAlerts()
    {
        var probe = BatchSpool.Open(Path.Combine(_directory.FullName, "probe"), 10_000_000);
        probe.Enqueue([Batch(1, alerts: 3)]);
        var alertsOnly = probe.Bytes;
        var spool = BatchSpool.Open(Path.Combine(_directory.FullName, "q"), (long)(alertsOnly * 2.5));

        for (var sequence = 1; sequence <= 4; sequence++)
        {
            spool.Enqueue([Batch(sequence, alerts: 3, counters: 4, devices: 4, names: 20, flows: 20)]);
        }

        var lost = spool.LostItems;
        Assert.True(spool.Bytes <= spool.MaxBytes);
        Assert.Equal(80, lost["flows"]); // every summary went before any alert
        Assert.Equal(80, lost["names"]);
        Assert.True(lost["counters"] >= 8);
        Assert.True(lost["alerts"] >= 3); // then whole oldest batches
        Assert.Equal(0, lost["alerts"] % 3);
        var remaining = Directory.GetFiles(Path.Combine(_directory.FullName, "q"), "*.batch").Select(BatchSpool.ReadFile).ToList();
        Assert.Contains(remaining, b => b!.Sequence == 4); // the newest alerts survive
        Assert.DoesNotContain(remaining, b => b!.Sequence == 1);
    }

    [Fact]
    public void Open_TornAndCorruptFiles_AreSkippedCountedAndSetAside()
    {
        var spool = BatchSpool.Open(_directory.FullName, 10_000_000);
        spool.Enqueue([Batch(1, alerts: 1), Batch(2, alerts: 1), Batch(3, alerts: 1)]);
        var files = Directory.GetFiles(_directory.FullName, "*.batch").Order(StringComparer.Ordinal).ToArray();
        var bytes = File.ReadAllBytes(files[0]);
        File.WriteAllBytes(files[0], bytes[..(bytes.Length / 2)]); // torn: cut in the middle
        var flipped = File.ReadAllBytes(files[1]);
        flipped[^5] ^= 0x20; // one bit flipped in the payload
        File.WriteAllBytes(files[1], flipped);
        File.WriteAllBytes(Path.Combine(_directory.FullName, ".0000000000000004.batch.ab12cd34.tmp"), [1, 2, 3]); // interrupted write
        File.WriteAllBytes(Path.Combine(_directory.FullName, "0000000000000009.batch"), []); // empty

        var reopened = BatchSpool.Open(_directory.FullName, 10_000_000);

        Assert.Equal(3, reopened.CorruptFiles);
        Assert.Equal(1, reopened.TornWrites);
        Assert.Equal(3, reopened.LostItems["batches"]);
        var item = reopened.Peek();
        Assert.NotNull(item);
        Assert.Equal(3, item.Sequence);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_directory.FullName, "corrupt")).Length);
        Assert.Empty(Directory.GetFiles(_directory.FullName, "*.tmp"));
    }

    [Fact]
    public void Peek_FileCorruptedWhileQueued_SkipsItAndReturnsTheNext()
    {
        var spool = BatchSpool.Open(_directory.FullName, 10_000_000);
        spool.Enqueue([Batch(1, alerts: 1), Batch(2, alerts: 1)]);
        var first = Directory.GetFiles(_directory.FullName, "*.batch").Order(StringComparer.Ordinal).First();
        File.WriteAllText(first, "garbage");

        var item = spool.Peek();

        Assert.NotNull(item);
        Assert.Equal(2, item.Sequence);
        Assert.Equal(1, spool.CorruptFiles);
    }

    [Fact]
    public void Complete_EvictedMeanwhile_DoesNotThrow()
    {
        var spool = BatchSpool.Open(_directory.FullName, 10_000_000);
        spool.Enqueue([Batch(1, alerts: 1)]);
        var item = spool.Peek()!;
        spool.Complete(item.BatchId);

        spool.Complete(item.BatchId);

        Assert.Equal(0, spool.Count);
    }
}
