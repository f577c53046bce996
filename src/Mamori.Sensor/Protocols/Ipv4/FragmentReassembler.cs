using System.Buffers;
using Mamori.Sensor.Flows;

namespace Mamori.Sensor.Protocols.Ipv4;

/// <summary>Result of adding one fragment.</summary>
public enum FragmentResult
{
    /// <summary>Held; the datagram is not complete yet.</summary>
    Pending,

    /// <summary>The datagram is complete and returned.</summary>
    Complete,

    /// <summary>Dropped: malformed (past 64 KiB, bad length) or no room.</summary>
    Dropped,
}

/// <summary>
/// Reassembles IPv4 and IPv6 fragments (RFC 791, RFC 8200 §4.5) with bounded memory: at most
/// <see cref="MaxDatagrams"/> datagrams in progress, each at most 64 KiB, each given up after a
/// timeout in packet time. Overlapping fragments are counted; the first copy of a byte wins
/// (RFC 5722 says drop the datagram for IPv6; we keep what we can read and flag it).
/// </summary>
public sealed class FragmentReassembler : IDisposable
{
    /// <summary>Datagrams held at once.</summary>
    public const int MaxDatagrams = 64;

    private const int MaxDatagramLength = 65_535;
    private const int BlockSize = 8;
    private const int BitmapWords = (MaxDatagramLength / BlockSize / 64) + 1;

    private readonly Entry?[] _entries = new Entry?[MaxDatagrams];
    private readonly long _timeoutTicks;
    private byte[]? _completed;

    /// <summary>Creates a reassembler.</summary>
    public FragmentReassembler(TimeSpan? timeout = null)
    {
        _timeoutTicks = (timeout ?? TimeSpan.FromSeconds(30)).Ticks;
    }

    /// <summary>Datagrams completed.</summary>
    public long Reassembled { get; private set; }

    /// <summary>Datagrams given up: timed out, evicted for room, or malformed.</summary>
    public long Abandoned { get; private set; }

    /// <summary>Fragments that overlapped bytes already held.</summary>
    public long Overlaps { get; private set; }

    /// <summary>
    /// Adds a fragment. On <see cref="FragmentResult.Complete"/>, <paramref name="datagram"/> is the
    /// reassembled upper-layer payload, valid until the next call.
    /// </summary>
    public FragmentResult Add(scoped in FlowAddress source, scoped in FlowAddress destination, uint identification, byte protocol, int offset, bool moreFragments, ReadOnlySpan<byte> data, long ticks, out ReadOnlySpan<byte> datagram)
    {
        datagram = default;
        ExpireOlderThan(ticks - _timeoutTicks);
        var end = offset + data.Length;
        if (end > MaxDatagramLength || (moreFragments && data.Length % BlockSize != 0) || data.IsEmpty)
        {
            Abandoned++;
            return FragmentResult.Dropped;
        }

        var index = Find(source, destination, identification, protocol);
        if (index < 0)
        {
            index = Allocate();
            _entries[index] = new Entry(source, destination, identification, protocol, ticks);
        }

        var entry = _entries[index]!;
        if (!moreFragments)
        {
            if (entry.TotalLength >= 0 && entry.TotalLength != end)
            {
                Release(index);
                Abandoned++;
                return FragmentResult.Dropped;
            }

            entry.TotalLength = end;
        }

        if (entry.Write(offset, data))
        {
            Overlaps++;
        }

        if (!entry.IsComplete)
        {
            return FragmentResult.Pending;
        }

        if (_completed is not null)
        {
            ArrayPool<byte>.Shared.Return(_completed);
        }

        _completed = entry.TakeBuffer();
        var length = entry.TotalLength;
        _entries[index] = null;
        Reassembled++;
        datagram = _completed.AsSpan(0, length);
        return FragmentResult.Complete;
    }

    private int Find(in FlowAddress source, in FlowAddress destination, uint identification, byte protocol)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i] is { } e && e.Identification == identification && e.Protocol == protocol
                && e.Source == source && e.Destination == destination)
            {
                return i;
            }
        }

        return -1;
    }

    private int Allocate()
    {
        var oldest = 0;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i] is null)
            {
                return i;
            }

            if (_entries[i]!.FirstTicks < _entries[oldest]!.FirstTicks)
            {
                oldest = i;
            }
        }

        Release(oldest);
        Abandoned++;
        return oldest;
    }

    private void ExpireOlderThan(long ticks)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i] is { } e && e.FirstTicks < ticks)
            {
                Release(i);
                Abandoned++;
            }
        }
    }

    private void Release(int index)
    {
        var buffer = _entries[index]?.TakeBuffer();
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _entries[index] = null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            Release(i);
        }

        if (_completed is not null)
        {
            ArrayPool<byte>.Shared.Return(_completed);
            _completed = null;
        }
    }

    private sealed class Entry(FlowAddress source, FlowAddress destination, uint identification, byte protocol, long firstTicks)
    {
        private readonly ulong[] _blocks = new ulong[BitmapWords];
        private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(MaxDatagramLength);

        public FlowAddress Source { get; } = source;

        public FlowAddress Destination { get; } = destination;

        public uint Identification { get; } = identification;

        public byte Protocol { get; } = protocol;

        public long FirstTicks { get; } = firstTicks;

        public int TotalLength { get; set; } = -1;

        /// <summary>Copies the bytes not yet held; returns true if any block was already held.</summary>
        public bool Write(int offset, ReadOnlySpan<byte> data)
        {
            var overlap = false;
            var firstBlock = offset / BlockSize;
            var lastBlock = (offset + data.Length - 1) / BlockSize;
            for (var block = firstBlock; block <= lastBlock; block++)
            {
                var mask = 1UL << (block & 63);
                if ((_blocks[block >> 6] & mask) != 0)
                {
                    overlap = true;
                    continue;
                }

                _blocks[block >> 6] |= mask;
                var start = Math.Max(block * BlockSize, offset);
                var stop = Math.Min((block + 1) * BlockSize, offset + data.Length);
                data[(start - offset)..(stop - offset)].CopyTo(_buffer.AsSpan(start));
            }

            return overlap;
        }

        public bool IsComplete
        {
            get
            {
                if (TotalLength < 0)
                {
                    return false;
                }

                var blocks = (TotalLength + BlockSize - 1) / BlockSize;
                for (var block = 0; block < blocks; block++)
                {
                    if ((_blocks[block >> 6] & (1UL << (block & 63))) == 0)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        public byte[]? TakeBuffer()
        {
            var buffer = _buffer;
            _buffer = null;
            return buffer;
        }
    }
}
