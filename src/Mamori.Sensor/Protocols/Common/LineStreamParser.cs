using Mamori.Sensor.Events;

namespace Mamori.Sensor.Protocols.Common;

/// <summary>
/// Base for line-oriented protocols (FTP, POP3, IMAP, SMTP): splits each direction into lines,
/// buffering at most <see cref="MaxLineLength"/> bytes of an unfinished line.
/// </summary>
internal abstract class LineStreamParser : IStreamParser
{
    protected const int MaxLineLength = 2048;

    private LineBuffer _toResponder;
    private LineBuffer _toOriginator;

    /// <summary>Set once the session turned to TLS or became unparseable; later bytes are ignored.</summary>
    protected bool Stopped { get; set; }

    /// <summary>Lines dropped because they were too long or cut by a gap.</summary>
    public int DroppedLines { get; private set; }

    public void OnData(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> data)
    {
        ref LineBuffer buffer = ref direction == FlowDirection.ToResponder ? ref _toResponder : ref _toOriginator;
        while (!Stopped && buffer.TryReadLine(ref data, MaxLineLength, out ReadOnlySpan<byte> line, out bool valid))
        {
            if (valid)
            {
                OnLine(context, direction, line);
            }
            else
            {
                DroppedLines++;
            }

            buffer.Clear();
        }
    }

    public void OnGap(in ParserContext context, FlowDirection direction, int length)
    {
        if (direction == FlowDirection.ToResponder)
        {
            _toResponder.Poison();
        }
        else
        {
            _toOriginator.Poison();
        }

        OnGapCore(context, direction);
    }

    public void OnClose(in ParserContext context) => OnCloseCore(context);

    protected abstract void OnLine(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> line);

    protected virtual void OnGapCore(in ParserContext context, FlowDirection direction)
    {
    }

    protected virtual void OnCloseCore(in ParserContext context)
    {
    }
}
