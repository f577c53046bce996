using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Mamori.Sensor.Protocols.Common;

/// <summary>Small helpers for text protocols: case-insensitive matching, tokens, safe strings.</summary>
internal static class AsciiText
{
    /// <summary>Longest string any parser puts into an event; longer values are cut.</summary>
    public const int MaxFieldLength = 512;

    public static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix) =>
        text.Length >= prefix.Length && System.Text.Ascii.EqualsIgnoreCase(text[..prefix.Length], prefix);

    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> other) =>
        System.Text.Ascii.EqualsIgnoreCase(text, other);

    /// <summary>Takes the next space-separated token and advances past the spaces after it.</summary>
    public static ReadOnlySpan<byte> NextToken(ref ReadOnlySpan<byte> text)
    {
        text = text.TrimStart((byte)' ');
        int space = text.IndexOf((byte)' ');
        ReadOnlySpan<byte> token = space < 0 ? text : text[..space];
        text = space < 0 ? default : text[(space + 1)..].TrimStart((byte)' ');
        return token;
    }

    /// <summary>Trims ASCII spaces and tabs on both sides.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text) => text.Trim(" \t"u8);

    /// <summary>
    /// Creates the string that goes into an event: UTF-8 when valid, else Latin-1; control
    /// characters are replaced so a value cannot forge log lines; cut to <see cref="MaxFieldLength"/>.
    /// </summary>
    public static string ToSafeString(ReadOnlySpan<byte> bytes) => ToSafeString(bytes, MaxFieldLength);

    /// <summary>As <see cref="ToSafeString(ReadOnlySpan{byte})"/>, cut to <paramref name="maxLength"/> bytes.</summary>
    public static string ToSafeString(ReadOnlySpan<byte> bytes, int maxLength)
    {
        if (bytes.Length > maxLength)
        {
            bytes = bytes[..maxLength];
        }

        if (bytes.IsEmpty)
        {
            return "";
        }

        string text = System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
        return text.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0 && !text.Contains('\u007f', StringComparison.Ordinal)
            ? text
            : string.Create(text.Length, text, static (span, source) =>
            {
                for (int i = 0; i < source.Length; i++)
                {
                    char c = source[i];
                    span[i] = c < ' ' || c == '\u007f' ? '?' : c;
                }
            });
    }

    /// <summary>
    /// Decodes base64 into <paramref name="destination"/>; returns the decoded bytes or an empty
    /// span when the text is not base64 or does not fit.
    /// </summary>
    public static ReadOnlySpan<byte> DecodeBase64(ReadOnlySpan<byte> base64, Span<byte> destination)
    {
        base64 = Trim(base64);
        if (base64.IsEmpty || Base64.GetMaxDecodedFromUtf8Length(base64.Length) > destination.Length)
        {
            return default;
        }

        OperationStatus status = Base64.DecodeFromUtf8(base64, destination, out _, out int written);
        return status == OperationStatus.Done ? destination[..written] : default;
    }

    /// <summary>
    /// The user name of a SASL PLAIN message ("authzid NUL authcid NUL password"), base64-encoded.
    /// Only the authentication identity is turned into a string; the password is never copied out.
    /// </summary>
    public static string? SaslPlainUser(ReadOnlySpan<byte> base64)
    {
        Span<byte> buffer = stackalloc byte[768];
        ReadOnlySpan<byte> decoded = DecodeBase64(base64, buffer);
        int first = decoded.IndexOf((byte)0);
        if (first < 0)
        {
            buffer.Clear();
            return null;
        }

        ReadOnlySpan<byte> rest = decoded[(first + 1)..];
        int second = rest.IndexOf((byte)0);
        string? user = second < 0 ? null : ToSafeString(rest[..second]);
        buffer.Clear();
        return user;
    }

    /// <summary>Decodes a base64 user name (SASL LOGIN's first response).</summary>
    public static string? Base64Text(ReadOnlySpan<byte> base64)
    {
        Span<byte> buffer = stackalloc byte[384];
        ReadOnlySpan<byte> decoded = DecodeBase64(base64, buffer);
        return decoded.IsEmpty ? null : ToSafeString(decoded);
    }

    public static bool TryParseInt(ReadOnlySpan<byte> digits, out int value) =>
        Utf8Parser.TryParse(digits, out value, out int consumed) && consumed == digits.Length;
}
