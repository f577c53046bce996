namespace Mamori.Sensor.Protocols.Common;

/// <summary>
/// Holds the start of a line whose end has not arrived yet. Bounded: a line longer than the
/// capacity is dropped whole (marked overflowed) rather than buffered.
/// </summary>
internal struct LineBuffer
{
    private byte[]? _data;
    private int _length;

    /// <summary>True when the line being collected outgrew the capacity and must be ignored.</summary>
    public bool Overflowed { get; private set; }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<byte> Span => _data.AsSpan(0, _length);

    public void Append(ReadOnlySpan<byte> bytes, int capacity)
    {
        if (Overflowed)
        {
            return;
        }

        if (_length + bytes.Length > capacity)
        {
            Overflowed = true;
            _length = 0;
            return;
        }

        _data ??= new byte[capacity];
        bytes.CopyTo(_data.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Clear()
    {
        _length = 0;
        Overflowed = false;
    }

    /// <summary>Drops the partial line and ignores everything up to the next line end (after a gap).</summary>
    public void Poison()
    {
        _length = 0;
        Overflowed = true;
    }

    /// <summary>
    /// Splits <paramref name="data"/> into complete lines. Returns false when no complete line is
    /// left (the remainder has been buffered). The line excludes CR LF.
    /// </summary>
    public bool TryReadLine(ref ReadOnlySpan<byte> data, int capacity, out ReadOnlySpan<byte> line, out bool valid)
    {
        int newline = data.IndexOf((byte)'\n');
        if (newline < 0)
        {
            Append(data, capacity);
            data = default;
            line = default;
            valid = false;
            return false;
        }

        if (_length > 0 || Overflowed)
        {
            Append(data[..newline], capacity);
            line = Span;
            valid = !Overflowed;
        }
        else
        {
            line = data[..newline];
            valid = true;
        }

        data = data[(newline + 1)..];
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return true;
    }
}
