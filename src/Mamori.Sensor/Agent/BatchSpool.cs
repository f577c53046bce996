using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Mamori.Sensor.Shipping;

namespace Mamori.Sensor.Agent;

/// <summary>
/// The agent's store-and-forward queue: every batch is written to disk before it is sent and deleted
/// only after the server's receipt, so an outage, a restart or a crash loses nothing.
/// </summary>
/// <remarks>
/// <para>One file per batch, <c>{sequence:D16}.batch</c>, written with <see cref="AtomicFile"/>. A file is
/// <c>"MQB1"</c>, the payload length (int32 LE), the payload's SHA-256 and the payload: the batch's JSON,
/// sent as it is. A file that fails these checks (a torn write, a bad disk) is moved to <c>corrupt/</c>,
/// counted and skipped; it never stops the agent.</para>
/// <para>The queue is bounded in bytes. When a new batch would exceed the bound, the oldest flow and name
/// summaries go first, then devices and counters, and alerts last (the oldest whole batch); every item
/// dropped is counted in <see cref="LostItems"/>, which the heartbeat reports.</para>
/// <para>Thread-safe: the capture side enqueues while the sender peeks and completes.</para>
/// </remarks>
public sealed class BatchSpool
{
    /// <summary>File name suffix of a queued batch.</summary>
    public const string Extension = ".batch";

    /// <summary>Corrupt files kept for inspection; older ones are deleted.</summary>
    public const int MaxCorruptFilesKept = 20;

    private static ReadOnlySpan<byte> Magic => "MQB1"u8;

    private const int HeaderLength = 4 + 4 + 32;

    private readonly Lock _gate = new();
    private readonly List<QueuedBatch> _entries = [];
    private readonly Dictionary<string, long> _lost = new(StringComparer.Ordinal);
    private readonly string _corruptDirectory;

    private BatchSpool(string directory, long maxBytes)
    {
        Directory = directory;
        MaxBytes = maxBytes;
        _corruptDirectory = Path.Combine(directory, "corrupt");
    }

    /// <summary>The queue's directory.</summary>
    public string Directory { get; }

    /// <summary>Largest total size of the queued files.</summary>
    public long MaxBytes { get; }

    /// <summary>Batches waiting.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Bytes of the queued files.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _entries.Sum(e => e.Bytes);
            }
        }
    }

    /// <summary>Files found torn or corrupt (at start or when read) and skipped, since the queue was opened.</summary>
    public int CorruptFiles { get; private set; }

    /// <summary>Leftover temporary files of interrupted writes removed at start.</summary>
    public int TornWrites { get; private set; }

    /// <summary>Items dropped because the bound was hit (and batches lost to corruption, as "batches"), since the queue was opened.</summary>
    public IReadOnlyDictionary<string, long> LostItems
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_lost, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Highest sequence number on disk, or 0.</summary>
    public long HighestSequence
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count == 0 ? 0 : _entries[^1].Sequence;
            }
        }
    }

    /// <summary>Latest counter interval end among the queued batches, or null.</summary>
    public DateTimeOffset? LatestCounterEnd
    {
        get
        {
            lock (_gate)
            {
                return _entries.Select(e => e.LatestCounterEnd).Max();
            }
        }
    }

    /// <summary>Opens (creating if needed) the queue in <paramref name="directory"/>, recovering from an earlier crash.</summary>
    /// <param name="directory">Directory of the batch files.</param>
    /// <param name="maxBytes">Bound on the total size of the files.</param>
    public static BatchSpool Open(string directory, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1024);
        System.IO.Directory.CreateDirectory(directory);
        var queue = new BatchSpool(directory, maxBytes);
        queue.Recover();
        return queue;
    }

    /// <summary>
    /// Writes <paramref name="batches"/> durably, then runs <paramref name="afterWrite"/> (e.g. the agent's
    /// checkpoint) before the sender can see them, then enforces the bound.
    /// </summary>
    public void Enqueue(IReadOnlyList<SensorBatch> batches, Action? afterWrite = null)
    {
        ArgumentNullException.ThrowIfNull(batches);
        lock (_gate)
        {
            foreach (var batch in batches)
            {
                var entry = Write(batch);
                _entries.Add(entry);
            }

            _entries.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            afterWrite?.Invoke();
            EnforceBound();
        }
    }

    /// <summary>The oldest batch and its payload (the HTTP body), or null when the queue is empty. Corrupt files met here are skipped.</summary>
    public QueuedPayload? Peek()
    {
        lock (_gate)
        {
            while (_entries.Count > 0)
            {
                var entry = _entries[0];
                if (TryRead(entry.Path, out var payload, out _))
                {
                    return new QueuedPayload(entry.BatchId, entry.Sequence, payload);
                }

                _entries.RemoveAt(0);
                Quarantine(entry.Path);
            }

            return null;
        }
    }

    /// <summary>The server acknowledged <paramref name="batchId"/>: delete it.</summary>
    public void Complete(Guid batchId)
    {
        lock (_gate)
        {
            var index = _entries.FindIndex(e => e.BatchId == batchId);
            if (index < 0)
            {
                return; // evicted meanwhile: the server has it anyway
            }

            var entry = _entries[index];
            _entries.RemoveAt(index);
            AtomicFile.Delete(entry.Path);
        }
    }

    /// <summary>The server rejected <paramref name="batchId"/> as invalid: keep it aside in <c>corrupt/</c> and count it.</summary>
    public void Reject(Guid batchId)
    {
        lock (_gate)
        {
            var index = _entries.FindIndex(e => e.BatchId == batchId);
            if (index >= 0)
            {
                var entry = _entries[index];
                _entries.RemoveAt(index);
                Quarantine(entry.Path);
            }
        }
    }

    /// <summary>Reads a batch file back (for tests and <c>mamori sensor status</c>); null when torn or corrupt.</summary>
    public static SensorBatch? ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TryRead(path, out _, out var batch) ? batch : null;
    }

    /// <summary>Counts the batch files and their bytes in <paramref name="directory"/> without opening them.</summary>
    public static (int Batches, long Bytes) Measure(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return (0, 0);
        }

        var files = new DirectoryInfo(directory).GetFiles("*" + Extension);
        return (files.Length, files.Sum(f => f.Length));
    }

    private void Recover()
    {
        foreach (var temporary in System.IO.Directory.GetFiles(Directory, "*" + AtomicFile.TemporarySuffix))
        {
            File.Delete(temporary);
            TornWrites++;
        }

        foreach (var path in System.IO.Directory.GetFiles(Directory, "*" + Extension))
        {
            if (TryRead(path, out _, out var batch))
            {
                _entries.Add(Describe(path, batch!, new FileInfo(path).Length));
            }
            else
            {
                Quarantine(path);
            }
        }

        _entries.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        EnforceBound();
    }

    private QueuedBatch Write(SensorBatch batch)
    {
        var path = Path.Combine(Directory, batch.Sequence.ToString("D16", CultureInfo.InvariantCulture) + Extension);
        var bytes = Encode(batch);
        AtomicFile.Write(path, bytes);
        return Describe(path, batch, bytes.Length);
    }

    /// <summary>The file format: magic, payload length, SHA-256 of the payload, payload.</summary>
    internal static byte[] Encode(SensorBatch batch)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(batch, ShippingJsonContext.Default.SensorBatch);
        var bytes = new byte[HeaderLength + payload.Length];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), payload.Length);
        SHA256.HashData(payload, bytes.AsSpan(8, 32));
        payload.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    private static bool TryRead(string path, out byte[] payload, out SensorBatch? batch)
    {
        payload = [];
        batch = null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return false;
        }

        if (bytes.Length < HeaderLength || !bytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4));
        if (length < 0 || length != bytes.Length - HeaderLength)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes.AsSpan(HeaderLength), hash);
        if (!hash.SequenceEqual(bytes.AsSpan(8, 32)))
        {
            return false;
        }

        payload = bytes[HeaderLength..];
        try
        {
            batch = JsonSerializer.Deserialize(payload, ShippingJsonContext.Default.SensorBatch);
        }
        catch (JsonException)
        {
            return false;
        }

        return batch is not null;
    }

    private static QueuedBatch Describe(string path, SensorBatch batch, long bytes) => new()
    {
        Path = path,
        BatchId = batch.BatchId,
        Sequence = batch.Sequence,
        Bytes = bytes,
        Alerts = batch.Alerts.Count,
        Counters = batch.Counters.Count,
        Devices = batch.Devices.Count,
        Names = batch.Names.Count,
        Flows = batch.Flows.Count,
        LatestCounterEnd = batch.Counters.Count == 0 ? null : batch.Counters.Max(c => c.End),
    };

    private void Quarantine(string path)
    {
        CorruptFiles++;
        _lost["batches"] = _lost.GetValueOrDefault("batches") + 1;
        try
        {
            System.IO.Directory.CreateDirectory(_corruptDirectory);
            File.Move(path, Path.Combine(_corruptDirectory, Path.GetFileName(path)), overwrite: true);
            var kept = new DirectoryInfo(_corruptDirectory).GetFiles().OrderByDescending(f => f.LastWriteTimeUtc).Skip(MaxCorruptFilesKept);
            foreach (var old in kept)
            {
                old.Delete();
            }
        }
        catch (IOException)
        {
            File.Delete(path);
        }
    }

    /// <summary>Drops the least valuable, oldest items until the files fit the bound.</summary>
    private void EnforceBound()
    {
        while (_entries.Sum(e => e.Bytes) > MaxBytes && _entries.Count > 0)
        {
            var summaries = _entries.FindIndex(e => e.Flows + e.Names > 0);
            if (summaries >= 0)
            {
                Strip(summaries, flowsAndNames: true);
                continue;
            }

            var inventory = _entries.FindIndex(e => e.Devices + e.Counters > 0);
            if (inventory >= 0)
            {
                Strip(inventory, flowsAndNames: false);
                continue;
            }

            var oldest = _entries[0];
            _entries.RemoveAt(0);
            CountLost("alerts", oldest.Alerts);
            AtomicFile.Delete(oldest.Path);
        }
    }

    private void Strip(int index, bool flowsAndNames)
    {
        var entry = _entries[index];
        if (!TryRead(entry.Path, out _, out var batch))
        {
            _entries.RemoveAt(index);
            Quarantine(entry.Path);
            return;
        }

        SensorBatch stripped;
        if (flowsAndNames)
        {
            CountLost("flows", batch!.Flows.Count);
            CountLost("names", batch.Names.Count);
            stripped = batch with { Flows = [], Names = [] };
        }
        else
        {
            CountLost("devices", batch!.Devices.Count);
            CountLost("counters", batch.Counters.Count);
            stripped = batch with { Devices = [], Counters = [] };
        }

        var bytes = Encode(stripped);
        AtomicFile.Write(entry.Path, bytes);
        _entries[index] = Describe(entry.Path, stripped, bytes.Length);
    }

    private void CountLost(string kind, int items)
    {
        if (items > 0)
        {
            _lost[kind] = _lost.GetValueOrDefault(kind) + items;
        }
    }

    private sealed record QueuedBatch
    {
        public required string Path { get; init; }
        public required Guid BatchId { get; init; }
        public required long Sequence { get; init; }
        public required long Bytes { get; init; }
        public int Alerts { get; init; }
        public int Counters { get; init; }
        public int Devices { get; init; }
        public int Names { get; init; }
        public int Flows { get; init; }
        public DateTimeOffset? LatestCounterEnd { get; init; }
    }
}

/// <summary>A queued batch ready to send: its id, sequence and the exact bytes to POST.</summary>
public sealed record QueuedPayload(Guid BatchId, long Sequence, byte[] Payload);
