using System.Buffers;

namespace Mamori.Sensor.Flows;

/// <summary>What a segment did to one direction's stream.</summary>
[Flags]
internal enum SegmentOutcome
{
    None = 0,

    /// <summary>New in-order bytes were delivered.</summary>
    Delivered = 1,

    /// <summary>The segment carried only bytes already delivered (a retransmission).</summary>
    Retransmission = 2,

    /// <summary>The segment arrived ahead of a hole and was buffered.</summary>
    Buffered = 4,

    /// <summary>A hole was given up on and reported as a gap.</summary>
    Gap = 8,
}

/// <summary>
/// Reassembles one direction of a TCP connection. In-order bytes go straight from the packet to
/// the consumer without a copy; segments ahead of a hole are copied into pooled buffers, bounded
/// per direction (<see cref="MaxBufferedSegments"/>, <see cref="MaxBufferedBytes"/>) — when the
/// bound is hit the hole is reported as a gap and reassembly moves on. Bytes already delivered
/// (retransmissions, overlaps) are dropped: first copy wins, as most stacks do.
/// </summary>
internal sealed class TcpStreamReassembler
{
    public const int MaxBufferedSegments = 32;
    public const int MaxBufferedBytes = 256 * 1024;

    /// <summary>A jump this far ahead is a resynchronisation, not a hole worth waiting for.</summary>
    private const int MaxForwardJump = 16 * 1024 * 1024;

    private Segment[]? _pending;
    private int _pendingCount;
    private int _pendingBytes;

    public bool IsInitialized { get; private set; }

    public uint NextSequence { get; private set; }

    /// <summary>In-order bytes delivered so far.</summary>
    public long DeliveredBytes { get; private set; }

    /// <summary>Bytes given up on (holes).</summary>
    public long MissedBytes { get; private set; }

    public int PendingSegments => _pendingCount;

    public void Reset()
    {
        ReleasePending();
        IsInitialized = false;
        NextSequence = 0;
        DeliveredBytes = 0;
        MissedBytes = 0;
    }

    /// <summary>A SYN fixes the initial sequence number: data starts one past it.</summary>
    public void OnSyn(uint sequence)
    {
        if (!IsInitialized)
        {
            IsInitialized = true;
            NextSequence = sequence + 1;
        }
    }

    /// <summary>Feeds one segment's payload starting at <paramref name="sequence"/>.</summary>
    public SegmentOutcome OnData<TConsumer>(uint sequence, ReadOnlySpan<byte> payload, ref TConsumer consumer)
        where TConsumer : struct, IStreamConsumer
    {
        if (payload.IsEmpty)
        {
            return SegmentOutcome.None;
        }

        if (!IsInitialized)
        {
            // Joined mid-stream: take the first segment seen as the start.
            IsInitialized = true;
            NextSequence = sequence;
        }

        var outcome = SegmentOutcome.None;
        var offset = (int)(sequence - NextSequence);
        if (offset > 0 && offset > MaxForwardJump)
        {
            outcome |= GiveUpHole(offset, ref consumer);
            offset = 0;
        }

        if (offset <= 0)
        {
            var skip = -(long)offset;
            if (skip >= payload.Length)
            {
                return SegmentOutcome.Retransmission;
            }

            Deliver(payload[(int)skip..], ref consumer);
            outcome |= SegmentOutcome.Delivered;
            if (skip > 0)
            {
                outcome |= SegmentOutcome.Retransmission;
            }

            return outcome | DrainPending(ref consumer);
        }

        if (_pendingCount == MaxBufferedSegments || _pendingBytes + payload.Length > MaxBufferedBytes)
        {
            // No room to wait: give up the hole in front of the earliest buffered data.
            outcome |= FlushOldestHole(ref consumer);
            return outcome | OnData(sequence, payload, ref consumer);
        }

        Buffer(sequence, payload);
        return outcome | SegmentOutcome.Buffered;
    }

    /// <summary>Flushes every buffered segment, reporting holes as gaps (end of the connection).</summary>
    public SegmentOutcome Flush<TConsumer>(ref TConsumer consumer)
        where TConsumer : struct, IStreamConsumer
    {
        var outcome = SegmentOutcome.None;
        while (_pendingCount > 0)
        {
            outcome |= FlushOldestHole(ref consumer);
        }

        return outcome;
    }

    private SegmentOutcome FlushOldestHole<TConsumer>(ref TConsumer consumer)
        where TConsumer : struct, IStreamConsumer
    {
        var hole = (int)(_pending![0].Sequence - NextSequence);
        var outcome = hole > 0 ? GiveUpHole(hole, ref consumer) : SegmentOutcome.None;
        return outcome | DrainPending(ref consumer);
    }

    private SegmentOutcome GiveUpHole<TConsumer>(int length, ref TConsumer consumer)
        where TConsumer : struct, IStreamConsumer
    {
        consumer.OnGap(length);
        MissedBytes += length;
        NextSequence += (uint)length;
        return SegmentOutcome.Gap;
    }

    private void Deliver<TConsumer>(ReadOnlySpan<byte> data, ref TConsumer consumer)
        where TConsumer : struct, IStreamConsumer
    {
        NextSequence += (uint)data.Length;
        DeliveredBytes += data.Length;
        consumer.OnData(data);
    }

    private SegmentOutcome DrainPending<TConsumer>(ref TConsumer consumer)
        where TConsumer : struct, IStreamConsumer
    {
        var outcome = SegmentOutcome.None;
        while (_pendingCount > 0)
        {
            ref var first = ref _pending![0];
            var offset = (int)(first.Sequence - NextSequence);
            if (offset > 0)
            {
                break;
            }

            var skip = -offset;
            if (skip < first.Length)
            {
                Deliver(first.Data.AsSpan(skip, first.Length - skip), ref consumer);
                outcome |= SegmentOutcome.Delivered;
            }

            RemoveFirst();
        }

        return outcome;
    }

    private void Buffer(uint sequence, ReadOnlySpan<byte> payload)
    {
        _pending ??= new Segment[MaxBufferedSegments];
        var relative = sequence - NextSequence;
        var index = _pendingCount;
        while (index > 0 && _pending[index - 1].Sequence - NextSequence > relative)
        {
            index--;
        }

        if (index > 0 && _pending[index - 1].Sequence == sequence && _pending[index - 1].Length >= payload.Length)
        {
            // Retransmission of a segment we already hold.
            return;
        }

        Array.Copy(_pending, index, _pending, index + 1, _pendingCount - index);
        var data = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(data);
        _pending[index] = new Segment(sequence, data, payload.Length);
        _pendingCount++;
        _pendingBytes += payload.Length;
    }

    private void RemoveFirst()
    {
        var first = _pending![0];
        ArrayPool<byte>.Shared.Return(first.Data);
        _pendingBytes -= first.Length;
        _pendingCount--;
        Array.Copy(_pending, 1, _pending, 0, _pendingCount);
        _pending[_pendingCount] = default;
    }

    private void ReleasePending()
    {
        while (_pendingCount > 0)
        {
            RemoveFirst();
        }

        _pendingBytes = 0;
    }

    private readonly record struct Segment(uint Sequence, byte[] Data, int Length);
}

/// <summary>Where reassembled bytes go; a struct so the JIT specialises the reassembler per consumer.</summary>
internal interface IStreamConsumer
{
    void OnData(ReadOnlySpan<byte> data);

    void OnGap(int length);
}
