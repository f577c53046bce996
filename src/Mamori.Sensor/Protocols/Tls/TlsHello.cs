using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Tls;

/// <summary>What a ClientHello tells: SNI, ALPN, the best version offered, JA3 and JA4.</summary>
internal sealed class TlsClientHello
{
    public string? ServerName { get; init; }
    public IReadOnlyList<string> Alpn { get; init; } = [];
    public required string ClientVersion { get; init; }
    public required string Ja3 { get; init; }
    public required string Ja4 { get; init; }
}

/// <summary>What a ServerHello tells: the version and cipher chosen, and JA3S.</summary>
internal sealed class TlsServerHello
{
    public required ushort SelectedVersion { get; init; }
    public required string Version { get; init; }
    public required string Cipher { get; init; }
    public required string Ja3s { get; init; }
}

/// <summary>
/// Reads ClientHello and ServerHello bodies (RFC 8446 §4.1.2–4.1.3) and computes the
/// fingerprints: JA3/JA3S as specified by Salesforce (https://github.com/salesforce/ja3) and JA4
/// as specified by FoxIO (https://github.com/FoxIO-LLC/ja4/blob/main/technical_details/JA4.md).
/// GREASE values (RFC 8701) are left out of every fingerprint.
/// </summary>
internal static class TlsHelloReader
{
    private const ushort ExtensionServerName = 0x0000;
    private const ushort ExtensionSupportedGroups = 0x000A;
    private const ushort ExtensionPointFormats = 0x000B;
    private const ushort ExtensionSignatureAlgorithms = 0x000D;
    private const ushort ExtensionAlpn = 0x0010;
    private const ushort ExtensionSupportedVersions = 0x002B;
    private const int RandomLength = 32;

    public static bool TryReadClientHello(ReadOnlySpan<byte> body, out TlsClientHello? hello)
    {
        hello = null;
        if (body.Length < 2 + RandomLength + 1)
        {
            return false;
        }

        ushort legacyVersion = BinaryPrimitives.ReadUInt16BigEndian(body);
        int offset = 2 + RandomLength;
        if (!TrySkipVector8(body, ref offset)
            || !TryReadVector16(body, ref offset, out ReadOnlySpan<byte> ciphers)
            || !TrySkipVector8(body, ref offset)
            || (ciphers.Length & 1) != 0)
        {
            return false;
        }

        ReadOnlySpan<byte> extensions = default;
        if (offset < body.Length && !TryReadVector16(body, ref offset, out extensions))
        {
            return false;
        }

        // First pass: validate the extension framing and pick out the ones that are read.
        ReadOnlySpan<byte> sni = default, alpn = default, versions = default, groups = default, points = default, sigalgs = default;
        bool hasSni = false;
        int extensionCount = 0;
        int position = 0;
        while (position < extensions.Length)
        {
            if (!TryNextExtension(extensions, ref position, out ushort type, out ReadOnlySpan<byte> data))
            {
                return false;
            }

            extensionCount++;
            switch (type)
            {
                case ExtensionServerName:
                    hasSni = true;
                    sni = data;
                    break;
                case ExtensionAlpn:
                    alpn = data;
                    break;
                case ExtensionSupportedVersions:
                    versions = data;
                    break;
                case ExtensionSupportedGroups:
                    groups = data.Length >= 2 ? data[2..] : default;
                    break;
                case ExtensionPointFormats:
                    points = data.Length >= 1 ? data[1..] : default;
                    break;
                case ExtensionSignatureAlgorithms:
                    sigalgs = data.Length >= 2 ? data[2..] : default;
                    break;
                default:
                    break;
            }
        }

        ushort highest = 0;
        if (versions.Length >= 1)
        {
            ReadOnlySpan<byte> list = versions[1..];
            for (int i = 0; i + 1 < list.Length; i += 2)
            {
                ushort version = BinaryPrimitives.ReadUInt16BigEndian(list[i..]);
                if (!TlsNames.IsGrease(version) && version > highest)
                {
                    highest = version;
                }
            }
        }

        ushort offered = highest != 0 ? highest : legacyVersion;
        List<string> alpnValues = ReadAlpn(alpn, out ReadOnlySpan<byte> firstAlpn);
        hello = new TlsClientHello
        {
            ServerName = ReadServerName(sni),
            Alpn = alpnValues,
            ClientVersion = TlsNames.VersionName(offered),
            Ja3 = Ja3(legacyVersion, ciphers, extensions, groups, points),
            Ja4 = Ja4(offered, hasSni, ciphers, extensions, extensionCount, firstAlpn, sigalgs),
        };
        return true;
    }

    public static bool TryReadServerHello(ReadOnlySpan<byte> body, out TlsServerHello? hello)
    {
        hello = null;
        int offset = 2 + RandomLength;
        if (body.Length < offset + 1 || !TrySkipVector8(body, ref offset) || (uint)(offset + 3) > (uint)body.Length)
        {
            return false;
        }

        ushort legacyVersion = BinaryPrimitives.ReadUInt16BigEndian(body);
        ushort cipher = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
        offset += 3;
        ReadOnlySpan<byte> extensions = default;
        if (offset < body.Length && !TryReadVector16(body, ref offset, out extensions))
        {
            return false;
        }

        ushort selected = legacyVersion;
        Span<byte> text = stackalloc byte[1024];
        var writer = new AsciiWriter(text);
        writer.AppendDecimal(legacyVersion);
        writer.Append((byte)',');
        writer.AppendDecimal(cipher);
        writer.Append((byte)',');
        bool first = true;
        for (int position = 0; position < extensions.Length;)
        {
            if (!TryNextExtension(extensions, ref position, out ushort type, out ReadOnlySpan<byte> data))
            {
                return false;
            }

            if (type == ExtensionSupportedVersions && data.Length == 2)
            {
                selected = BinaryPrimitives.ReadUInt16BigEndian(data);
            }

            if (TlsNames.IsGrease(type))
            {
                continue;
            }

            if (!first)
            {
                writer.Append((byte)'-');
            }

            writer.AppendDecimal(type);
            first = false;
        }

        hello = new TlsServerHello
        {
            SelectedVersion = selected,
            Version = TlsNames.VersionName(selected),
            Cipher = TlsNames.CipherName(cipher),
            Ja3s = Md5Hex(writer.Written),
        };
        return true;
    }

    private static string Ja3(ushort version, ReadOnlySpan<byte> ciphers, ReadOnlySpan<byte> extensions, ReadOnlySpan<byte> groups, ReadOnlySpan<byte> points)
    {
        // Each two-byte value becomes at most six characters ("65535-").
        int capacity = 64 + (3 * (ciphers.Length + extensions.Length + groups.Length)) + (4 * points.Length);
        byte[] rented = ArrayPool<byte>.Shared.Rent(capacity);
        var writer = new AsciiWriter(rented);
        writer.AppendDecimal(version);
        writer.Append((byte)',');
        AppendList16(ref writer, ciphers);
        writer.Append((byte)',');
        bool first = true;
        for (int position = 0; position < extensions.Length;)
        {
            if (!TryNextExtension(extensions, ref position, out ushort type, out _))
            {
                break;
            }

            if (!TlsNames.IsGrease(type))
            {
                if (!first)
                {
                    writer.Append((byte)'-');
                }

                writer.AppendDecimal(type);
                first = false;
            }
        }

        writer.Append((byte)',');
        AppendList16(ref writer, groups);
        writer.Append((byte)',');
        for (int i = 0; i < points.Length; i++)
        {
            if (i > 0)
            {
                writer.Append((byte)'-');
            }

            writer.AppendDecimal(points[i]);
        }

        string hash = Md5Hex(writer.Written);
        ArrayPool<byte>.Shared.Return(rented);
        return hash;
    }

    private static void AppendList16(ref AsciiWriter writer, ReadOnlySpan<byte> values)
    {
        bool first = true;
        for (int i = 0; i + 1 < values.Length; i += 2)
        {
            ushort value = BinaryPrimitives.ReadUInt16BigEndian(values[i..]);
            if (TlsNames.IsGrease(value))
            {
                continue;
            }

            if (!first)
            {
                writer.Append((byte)'-');
            }

            writer.AppendDecimal(value);
            first = false;
        }
    }

    private static string Ja4(ushort version, bool hasSni, ReadOnlySpan<byte> ciphers, ReadOnlySpan<byte> extensions, int extensionTotal,
        ReadOnlySpan<byte> firstAlpn, ReadOnlySpan<byte> sigalgs)
    {
        Span<ushort> values = stackalloc ushort[Math.Max(ciphers.Length / 2, extensionTotal) + 1];
        Span<byte> text = stackalloc byte[36];
        var head = new AsciiWriter(text[..10]);
        head.Append((byte)'t');
        head.AppendAscii(Ja4Version(version));
        head.Append(hasSni ? (byte)'d' : (byte)'i');

        int cipherCount = 0;
        for (int i = 0; i + 1 < ciphers.Length; i += 2)
        {
            ushort value = BinaryPrimitives.ReadUInt16BigEndian(ciphers[i..]);
            if (!TlsNames.IsGrease(value))
            {
                values[cipherCount++] = value;
            }
        }

        SortedHash(values[..cipherCount], default, text.Slice(11, 12));

        int extensionCount = 0;
        int hashedCount = 0;
        for (int position = 0; position < extensions.Length && TryNextExtension(extensions, ref position, out ushort type, out _);)
        {
            if (TlsNames.IsGrease(type))
            {
                continue;
            }

            extensionCount++;
            if (type is not ExtensionServerName and not ExtensionAlpn)
            {
                values[hashedCount++] = type;
            }
        }

        SortedHash(values[..hashedCount], sigalgs, text.Slice(24, 12));

        TwoDigits(ref head, cipherCount);
        TwoDigits(ref head, extensionCount);
        AlpnChars(ref head, firstAlpn);
        text[10] = (byte)'_';
        text[23] = (byte)'_';
        return System.Text.Encoding.ASCII.GetString(text);
    }

    private static ReadOnlySpan<byte> Ja4Version(ushort version) => version switch
    {
        0x0304 => "13"u8,
        0x0303 => "12"u8,
        0x0302 => "11"u8,
        0x0301 => "10"u8,
        0x0300 => "s3"u8,
        0x0002 => "s2"u8,
        0xFEFF => "d1"u8,
        0xFEFD => "d2"u8,
        0xFEFC => "d3"u8,
        _ => "00"u8,
    };

    private static void TwoDigits(ref AsciiWriter writer, int count)
    {
        count = Math.Min(count, 99);
        writer.Append((byte)('0' + (count / 10)));
        writer.Append((byte)('0' + (count % 10)));
    }

    private static void AlpnChars(ref AsciiWriter writer, ReadOnlySpan<byte> alpn)
    {
        if (alpn.IsEmpty)
        {
            writer.AppendAscii("00"u8);
            return;
        }

        byte first = alpn[0];
        byte last = alpn[^1];
        if (char.IsAsciiLetterOrDigit((char)first) && char.IsAsciiLetterOrDigit((char)last))
        {
            writer.Append(first);
            writer.Append(last);
        }
        else
        {
            // Non-alphanumeric values: first and last characters of the value's hex form.
            writer.Append(AsciiWriter.HexDigit(first >> 4));
            writer.Append(AsciiWriter.HexDigit(last & 0xF));
        }
    }

    /// <summary>
    /// SHA-256 of the values sorted, as four-digit hex joined by commas, then "_" and the
    /// signature algorithms in wire order when there are any; first 12 hex digits, or twelve
    /// zeros when the list is empty.
    /// </summary>
    private static void SortedHash(Span<ushort> values, ReadOnlySpan<byte> sigalgs, Span<byte> destination)
    {
        if (values.IsEmpty)
        {
            destination.Fill((byte)'0');
            return;
        }

        values.Sort();
        byte[] rented = ArrayPool<byte>.Shared.Rent((values.Length * 5) + (sigalgs.Length * 3) + 2);
        var writer = new AsciiWriter(rented);
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                writer.Append((byte)',');
            }

            writer.AppendHex4(values[i]);
        }

        bool first = true;
        for (int i = 0; i + 1 < sigalgs.Length; i += 2)
        {
            ushort value = BinaryPrimitives.ReadUInt16BigEndian(sigalgs[i..]);
            if (TlsNames.IsGrease(value))
            {
                continue;
            }

            writer.Append(first ? (byte)'_' : (byte)',');
            writer.AppendHex4(value);
            first = false;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(writer.Written, hash);
        ArrayPool<byte>.Shared.Return(rented);
        for (int i = 0; i < 6; i++)
        {
            destination[2 * i] = AsciiWriter.HexDigit(hash[i] >> 4);
            destination[(2 * i) + 1] = AsciiWriter.HexDigit(hash[i] & 0xF);
        }
    }

    private static string Md5Hex(ReadOnlySpan<byte> text)
    {
        Span<byte> hash = stackalloc byte[16];
#pragma warning disable CA5351 // JA3 is defined over MD5; it names a client, it protects nothing.
        MD5.HashData(text, hash);
#pragma warning restore CA5351
        return Convert.ToHexStringLower(hash);
    }

    private static string? ReadServerName(ReadOnlySpan<byte> data)
    {
        // server_name_list: length(2), then entries of type(1) length(2) name.
        if (data.Length < 5)
        {
            return null;
        }

        ReadOnlySpan<byte> list = data[2..];
        while (list.Length >= 3)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(list[1..]);
            if (3 + length > list.Length)
            {
                return null;
            }

            if (list[0] == 0)
            {
                return AsciiText.ToSafeString(list.Slice(3, length));
            }

            list = list[(3 + length)..];
        }

        return null;
    }

    private static List<string> ReadAlpn(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> first)
    {
        first = default;
        var values = new List<string>();
        if (data.Length < 2)
        {
            return values;
        }

        ReadOnlySpan<byte> list = data[2..];
        while (!list.IsEmpty)
        {
            int length = list[0];
            if (1 + length > list.Length)
            {
                break;
            }

            ReadOnlySpan<byte> value = list.Slice(1, length);
            if (values.Count == 0)
            {
                first = value;
            }

            values.Add(AsciiText.ToSafeString(value));
            list = list[(1 + length)..];
        }

        return values;
    }

    private static bool TryNextExtension(ReadOnlySpan<byte> list, scoped ref int position, out ushort type, out ReadOnlySpan<byte> data)
    {
        type = 0;
        data = default;
        ReadOnlySpan<byte> rest = list[position..];
        if (rest.Length < 4)
        {
            return false;
        }

        type = BinaryPrimitives.ReadUInt16BigEndian(rest);
        int length = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
        if (4 + length > rest.Length)
        {
            return false;
        }

        data = list.Slice(position + 4, length);
        position += 4 + length;
        return true;
    }

    private static bool TrySkipVector8(ReadOnlySpan<byte> body, scoped ref int offset)
    {
        if ((uint)offset >= (uint)body.Length)
        {
            return false;
        }

        int end = offset + 1 + body[offset];
        if (end > body.Length)
        {
            return false;
        }

        offset = end;
        return true;
    }

    private static bool TryReadVector16(ReadOnlySpan<byte> body, scoped ref int offset, out ReadOnlySpan<byte> vector)
    {
        vector = default;
        if ((uint)(offset + 1) >= (uint)body.Length)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
        if (offset + 2 + length > body.Length)
        {
            return false;
        }

        vector = body.Slice(offset + 2, length);
        offset += 2 + length;
        return true;
    }
}
