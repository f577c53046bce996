using System.Runtime.InteropServices;

namespace Mamori.Sensor.Detection;

/// <summary>
/// Per-key detector state with a hard capacity: least recently touched entries are evicted
/// (and counted) when a new key arrives at capacity, so a flood of random source addresses costs
/// bounded memory. Entries idle for longer than <see cref="IdleTimeout"/> are expired as time
/// (taken from events) moves on.
/// </summary>
/// <typeparam name="TKey">State key, e.g. (source, destination).</typeparam>
/// <typeparam name="TState">Mutable per-key state.</typeparam>
public sealed class BoundedStateTable<TKey, TState>
    where TKey : notnull
    where TState : class
{
    private readonly Dictionary<TKey, LinkedListNode<Slot>> _map;
    private readonly LinkedList<Slot> _lru = new();
    private readonly Func<TKey, TState> _factory;

    /// <summary>Creates a table.</summary>
    /// <param name="capacity">Maximum number of keys held.</param>
    /// <param name="idleTimeout">Entries untouched for this long are dropped.</param>
    /// <param name="factory">Creates the state for a new key.</param>
    public BoundedStateTable(int capacity, TimeSpan idleTimeout, Func<TKey, TState> factory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        IdleTimeout = idleTimeout;
        _factory = factory;
        _map = new Dictionary<TKey, LinkedListNode<Slot>>(Math.Min(capacity, 4096));
    }

    /// <summary>Called with the state of an entry about to be dropped (evicted or expired).</summary>
    public Action<TKey, TState>? Removing { get; set; }

    /// <summary>Maximum number of keys.</summary>
    public int Capacity { get; }

    /// <summary>Idle time after which an entry is expired.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>Keys currently held.</summary>
    public int Count => _map.Count;

    /// <summary>Entries dropped because the table was full.</summary>
    public long Evictions { get; private set; }

    /// <summary>Entries dropped because they were idle.</summary>
    public long Expirations { get; private set; }

    /// <summary>Gets (or creates) the state of a key and marks it most recently used at <paramref name="now"/>.</summary>
    public TState Touch(TKey key, DateTimeOffset now)
    {
        ExpireIdle(now);
        if (_map.TryGetValue(key, out var node))
        {
            node.ValueRef.LastTouched = now;
            _lru.Remove(node);
            _lru.AddLast(node);
            return node.ValueRef.State;
        }

        if (_map.Count >= Capacity)
        {
            var oldest = _lru.First!;
            Remove(oldest);
            Evictions++;
        }

        var slot = new Slot(key, _factory(key)) { LastTouched = now };
        node = _lru.AddLast(slot);
        _map.Add(key, node);
        return slot.State;
    }

    /// <summary>Looks a key up without creating or touching it.</summary>
    public bool TryGet(TKey key, out TState? state)
    {
        if (_map.TryGetValue(key, out var node))
        {
            state = node.ValueRef.State;
            return true;
        }

        state = null;
        return false;
    }

    /// <summary>Drops entries idle for longer than the timeout (oldest first, so this is cheap).</summary>
    public void ExpireIdle(DateTimeOffset now)
    {
        while (_lru.First is { } first && now - first.ValueRef.LastTouched > IdleTimeout)
        {
            Remove(first);
            Expirations++;
        }
    }

    /// <summary>All live entries (for flushing at end of input).</summary>
    public IEnumerable<KeyValuePair<TKey, TState>> Entries()
    {
        foreach (var slot in _lru)
        {
            yield return new(slot.Key, slot.State);
        }
    }

    private void Remove(LinkedListNode<Slot> node)
    {
        Removing?.Invoke(node.ValueRef.Key, node.ValueRef.State);
        _lru.Remove(node);
        _map.Remove(node.ValueRef.Key);
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Slot(TKey key, TState state)
    {
        public readonly TKey Key = key;
        public readonly TState State = state;
        public DateTimeOffset LastTouched;
    }
}
