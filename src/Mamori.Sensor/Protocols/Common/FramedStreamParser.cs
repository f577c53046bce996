using Mamori.Sensor.Events;

namespace Mamori.Sensor.Protocols.Common;

/// <summary>
/// Base for protocols whose messages carry their own length (DNS over TCP, NetBIOS session
/// service, Kerberos over TCP, TPKT). Complete frames are handed over without copying when a
/// segment holds them whole; split frames are buffered up to <see cref="MaxFrameLength"/>, and
/// longer frames are skipped without buffering.
/// </summary>
internal abstract class FramedStreamParser : IStreamParser
{
    private FrameState _toResponder;
    private FrameState _toOriginator;

    /// <summary>Bytes of header needed to know a frame's total length.</summary>
    protected abstract int HeaderLength { get; }

    /// <summary>Largest frame that is buffered and parsed; longer ones are skipped.</summary>
    protected virtual int MaxFrameLength => 8192;

    /// <summary>Set when the stream is not (or no longer) this protocol; later bytes are ignored.</summary>
    protected bool Stopped { get; set; }

    /// <summary>Frames skipped because they were longer than <see cref="MaxFrameLength"/>.</summary>
    public int SkippedFrames { get; private set; }

    /// <summary>
    /// Reads the total frame length (header included) from the first <see cref="HeaderLength"/>
    /// bytes; false when the header is not valid for the protocol.
    /// </summary>
    protected abstract bool TryGetFrameLength(ReadOnlySpan<byte> header, out int frameLength);

    protected abstract void OnFrame(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> frame);

    public void OnData(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> data)
    {
        ref FrameState state = ref direction == FlowDirection.ToResponder ? ref _toResponder : ref _toOriginator;
        while (!data.IsEmpty && !Stopped && !state.Lost)
        {
            if (state.SkipRemaining > 0)
            {
                int skip = (int)Math.Min(state.SkipRemaining, data.Length);
                state.SkipRemaining -= skip;
                data = data[skip..];
                continue;
            }

            if (state.Buffered == 0 && data.Length >= HeaderLength)
            {
                // Fast path: the frame starts at the beginning of the segment.
                if (!TryGetFrameLength(data[..HeaderLength], out int length) || length < HeaderLength)
                {
                    state.Lost = true;
                    return;
                }

                if (length <= data.Length)
                {
                    if (length <= MaxFrameLength)
                    {
                        OnFrame(context, direction, data[..length]);
                    }
                    else
                    {
                        SkippedFrames++;
                    }

                    data = data[length..];
                    continue;
                }

                if (length > MaxFrameLength)
                {
                    SkippedFrames++;
                    state.SkipRemaining = length - data.Length;
                    return;
                }
            }

            state.Buffer ??= new byte[MaxFrameLength];
            if (state.Buffered < HeaderLength)
            {
                int take = Math.Min(HeaderLength - state.Buffered, data.Length);
                data[..take].CopyTo(state.Buffer.AsSpan(state.Buffered));
                state.Buffered += take;
                data = data[take..];
                if (state.Buffered < HeaderLength)
                {
                    return;
                }

                if (!TryGetFrameLength(state.Buffer.AsSpan(0, HeaderLength), out state.FrameLength) || state.FrameLength < HeaderLength)
                {
                    state.Lost = true;
                    return;
                }

                if (state.FrameLength > MaxFrameLength)
                {
                    SkippedFrames++;
                    state.SkipRemaining = state.FrameLength - HeaderLength;
                    state.Buffered = 0;
                    continue;
                }
            }

            int needed = Math.Min(state.FrameLength - state.Buffered, data.Length);
            data[..needed].CopyTo(state.Buffer.AsSpan(state.Buffered));
            state.Buffered += needed;
            data = data[needed..];
            if (state.Buffered == state.FrameLength)
            {
                state.Buffered = 0;
                OnFrame(context, direction, state.Buffer.AsSpan(0, state.FrameLength));
            }
        }
    }

    public void OnGap(in ParserContext context, FlowDirection direction, int length)
    {
        // Frame boundaries are lost with the bytes; resynchronising on guessed headers would
        // invent messages, so the direction stops.
        ref FrameState state = ref direction == FlowDirection.ToResponder ? ref _toResponder : ref _toOriginator;
        if (state.SkipRemaining >= length && state.Buffered == 0)
        {
            state.SkipRemaining -= length;
            return;
        }

        state.Lost = true;
    }

    public virtual void OnClose(in ParserContext context)
    {
    }

    private struct FrameState
    {
        public byte[]? Buffer;
        public int Buffered;
        public int FrameLength;
        public long SkipRemaining;
        public bool Lost;
    }
}
