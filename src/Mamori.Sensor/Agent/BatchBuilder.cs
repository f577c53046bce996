using System.Text.Json;
using Mamori.Sensor.Shipping;

namespace Mamori.Sensor.Agent;

/// <summary>
/// Cuts what the sensor collected into batches the server accepts: at most <see cref="MaxItems"/> items
/// and <see cref="MaxBytes"/> bytes of JSON each (below <see cref="SensorApi.MaxBatchItems"/> and
/// <see cref="SensorApi.MaxBatchBytes"/>). Alerts go in the first batch, then counters, devices, names
/// and flows, so the most valuable items leave first. Every batch gets a fresh id and the next sequence
/// number, fixed here, before it is written to disk.
/// </summary>
public sealed class BatchBuilder
{
    /// <summary>Creates a builder.</summary>
    public BatchBuilder(string agentVersion, int maxItems = 5_000, int maxBytes = 3 * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(agentVersion);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxItems, SensorApi.MaxBatchItems);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, SensorApi.MaxBatchBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        AgentVersion = agentVersion;
        MaxItems = maxItems;
        MaxBytes = maxBytes;
    }

    /// <summary>The agent's version, stamped on every batch.</summary>
    public string AgentVersion { get; }

    /// <summary>Most items per batch.</summary>
    public int MaxItems { get; }

    /// <summary>Most bytes of JSON per batch.</summary>
    public int MaxBytes { get; }

    /// <summary>
    /// Builds the batches for <paramref name="alerts"/> and <paramref name="closed"/>; one batch with only the
    /// health (a heartbeat) when both are empty.
    /// </summary>
    /// <param name="alerts">Alerts raised or grown.</param>
    /// <param name="closed">Closed intervals and summaries.</param>
    /// <param name="nextSequence">Sequence of the first batch; the caller continues after the last one returned.</param>
    /// <param name="createdAt">Sealing time.</param>
    /// <param name="health">The heartbeat, given the number of batches built after it.</param>
    public IReadOnlyList<SensorBatch> Build(
        IReadOnlyList<ShippedAlert> alerts, ClosedData closed, long nextSequence, DateTimeOffset createdAt, Func<int, SensorHealth> health)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentNullException.ThrowIfNull(health);
        var chunks = new List<Chunk>();
        var current = new Chunk();
        void Add<T>(IReadOnlyList<T> items, Func<Chunk, List<T>> list)
        {
            foreach (var item in items)
            {
                if (current.Count >= MaxItems)
                {
                    chunks.Add(current);
                    current = new Chunk();
                }

                list(current).Add(item);
            }
        }

        Add(alerts, c => c.Alerts);
        Add(closed.Counters, c => c.Counters);
        Add(closed.Devices, c => c.Devices);
        Add(closed.Names, c => c.Names);
        Add(closed.Flows, c => c.Flows);
        if (current.Count > 0 || chunks.Count == 0)
        {
            chunks.Add(current);
        }

        // Too many bytes (long evidence, long names): halve until each fits.
        var fitted = new List<Chunk>();
        var probe = health(0);
        foreach (var chunk in chunks)
        {
            Fit(chunk, createdAt, probe, fitted);
        }

        var batches = new List<SensorBatch>(fitted.Count);
        for (var i = 0; i < fitted.Count; i++)
        {
            batches.Add(fitted[i].ToBatch(Guid.NewGuid(), nextSequence + i, createdAt, AgentVersion, health(fitted.Count - i - 1)));
        }

        return batches;
    }

    private void Fit(Chunk chunk, DateTimeOffset createdAt, SensorHealth probe, List<Chunk> output)
    {
        var size = JsonSerializer.SerializeToUtf8Bytes(chunk.ToBatch(Guid.Empty, 0, createdAt, AgentVersion, probe), ShippingJsonContext.Default.SensorBatch).Length;
        if (size <= MaxBytes || chunk.Count <= 1)
        {
            output.Add(chunk); // a single item larger than the limit is sent anyway: the server's 413 then sets it aside
            return;
        }

        var (first, second) = chunk.Halve();
        Fit(first, createdAt, probe, output);
        Fit(second, createdAt, probe, output);
    }

    private sealed class Chunk
    {
        public List<ShippedAlert> Alerts { get; } = [];
        public List<CounterInterval> Counters { get; } = [];
        public List<DeviceSighting> Devices { get; } = [];
        public List<NameSummary> Names { get; } = [];
        public List<FlowSummary> Flows { get; } = [];
        public int Count => Alerts.Count + Counters.Count + Devices.Count + Names.Count + Flows.Count;

        public SensorBatch ToBatch(Guid id, long sequence, DateTimeOffset createdAt, string version, SensorHealth health) => new()
        {
            BatchId = id,
            Sequence = sequence,
            CreatedAt = createdAt,
            AgentVersion = version,
            Alerts = Alerts,
            Counters = Counters,
            Devices = Devices,
            Names = Names,
            Flows = Flows,
            Health = health,
        };

        public (Chunk First, Chunk Second) Halve()
        {
            var first = new Chunk();
            var second = new Chunk();
            var half = Count / 2;
            var taken = 0;
            void Split<T>(List<T> source, List<T> a, List<T> b)
            {
                foreach (var item in source)
                {
                    (taken++ < half ? a : b).Add(item);
                }
            }

            Split(Alerts, first.Alerts, second.Alerts);
            Split(Counters, first.Counters, second.Counters);
            Split(Devices, first.Devices, second.Devices);
            Split(Names, first.Names, second.Names);
            Split(Flows, first.Flows, second.Flows);
            return (first, second);
        }
    }
}
