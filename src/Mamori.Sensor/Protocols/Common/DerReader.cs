namespace Mamori.Sensor.Protocols.Common;

/// <summary>
/// Walks ASN.1 DER (ITU-T X.690) type-length-value elements in a span: definite lengths up to
/// four bytes, single-byte tags only (all the Kerberos and X.509 tags used here). Returns false
/// on anything malformed instead of throwing.
/// </summary>
internal ref struct DerReader
{
    private ReadOnlySpan<byte> _data;

    public DerReader(ReadOnlySpan<byte> data) => _data = data;

    public readonly bool IsEmpty => _data.IsEmpty;

    public bool TryRead(out byte tag, out ReadOnlySpan<byte> content)
    {
        tag = 0;
        content = default;
        if (_data.Length < 2 || (_data[0] & 0x1F) == 0x1F)
        {
            return false;
        }

        tag = _data[0];
        int length = _data[1];
        int headerLength = 2;
        if (length >= 0x80)
        {
            int count = length & 0x7F;
            if (count is 0 or > 4 || _data.Length < 2 + count)
            {
                return false;
            }

            length = 0;
            for (int i = 0; i < count; i++)
            {
                length = (length << 8) | _data[2 + i];
            }

            headerLength += count;
            if (length < 0)
            {
                return false;
            }
        }

        if (length > _data.Length - headerLength)
        {
            return false;
        }

        content = _data.Slice(headerLength, length);
        _data = _data[(headerLength + length)..];
        return true;
    }

    /// <summary>Reads the next element and checks its tag.</summary>
    public bool TryRead(byte expectedTag, out ReadOnlySpan<byte> content) =>
        TryRead(out byte tag, out content) && tag == expectedTag;

    /// <summary>Reads an INTEGER of at most four bytes.</summary>
    public static bool TryReadInt32(ReadOnlySpan<byte> content, out int value)
    {
        value = 0;
        if (content.IsEmpty || content.Length > 4)
        {
            return false;
        }

        value = (sbyte)content[0];
        for (int i = 1; i < content.Length; i++)
        {
            value = (value << 8) | content[i];
        }

        return true;
    }
}
