namespace Mamori.Sensor.Protocols.Tls;

/// <summary>Appends ASCII text to a caller-supplied buffer; silently stops when it is full.</summary>
internal ref struct AsciiWriter
{
    private readonly Span<byte> _buffer;

    public AsciiWriter(Span<byte> buffer) => _buffer = buffer;

    public int Length { get; private set; }

    public bool Overflowed { get; private set; }

    public readonly ReadOnlySpan<byte> Written => _buffer[..Length];

    public void Append(byte value)
    {
        if ((uint)Length < (uint)_buffer.Length)
        {
            _buffer[Length++] = value;
        }
        else
        {
            Overflowed = true;
        }
    }

    public void AppendDecimal(int value)
    {
        if (value.TryFormat(_buffer[Length..], out int written, default, System.Globalization.CultureInfo.InvariantCulture))
        {
            Length += written;
        }
        else
        {
            Overflowed = true;
        }
    }

    public void AppendHex4(ushort value)
    {
        for (int shift = 12; shift >= 0; shift -= 4)
        {
            Append(HexDigit((value >> shift) & 0xF));
        }
    }

    public void AppendAscii(ReadOnlySpan<byte> text)
    {
        foreach (byte b in text)
        {
            Append(b);
        }
    }

    public static byte HexDigit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
