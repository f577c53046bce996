using System.Text;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Tls;

/// <summary>
/// Subject and issuer of an X.509 certificate (RFC 5280 §4.1) as RFC 4514 text
/// ("CN=www.example.com,O=Example,C=JP"): the last RDN of the DER sequence comes first.
/// </summary>
internal static class CertificateNames
{
    private const byte Sequence = 0x30;
    private const byte Set = 0x31;
    private const byte ObjectIdentifier = 0x06;
    private const byte ExplicitVersion = 0xA0;

    public static bool TryRead(ReadOnlySpan<byte> certificate, out string? subject, out string? issuer)
    {
        subject = null;
        issuer = null;
        var outer = new DerReader(certificate);
        if (!outer.TryRead(Sequence, out ReadOnlySpan<byte> certificateContent))
        {
            return false;
        }

        var certificateReader = new DerReader(certificateContent);
        if (!certificateReader.TryRead(Sequence, out ReadOnlySpan<byte> tbs))
        {
            return false;
        }

        var fields = new DerReader(tbs);
        if (!fields.TryRead(out byte tag, out _))
        {
            return false;
        }

        // An explicit version comes before the serial number.
        if (tag == ExplicitVersion && !fields.TryRead(out _, out _))
        {
            return false;
        }

        if (!fields.TryRead(Sequence, out _)
            || !fields.TryRead(Sequence, out ReadOnlySpan<byte> issuerName)
            || !fields.TryRead(Sequence, out _)
            || !fields.TryRead(Sequence, out ReadOnlySpan<byte> subjectName))
        {
            return false;
        }

        issuer = FormatName(issuerName);
        subject = FormatName(subjectName);
        return issuer is not null && subject is not null;
    }

    private static string? FormatName(ReadOnlySpan<byte> rdnSequence)
    {
        // Collected in wire order (as offsets of each SET's content), then emitted in reverse.
        Span<Range> rdns = stackalloc Range[32];
        int count = 0;
        var reader = new DerReader(rdnSequence);
        while (!reader.IsEmpty)
        {
            if (!reader.TryRead(Set, out ReadOnlySpan<byte> set) || count == rdns.Length)
            {
                return null;
            }

            int start = GetOffset(rdnSequence, set);
            rdns[count++] = new Range(start, start + set.Length);
        }

        var text = new StringBuilder();
        for (int i = count - 1; i >= 0; i--)
        {
            ReadOnlySpan<byte> attributes = rdnSequence[rdns[i]];
            var attributeReader = new DerReader(attributes);
            bool firstInSet = true;
            while (!attributeReader.IsEmpty)
            {
                if (!attributeReader.TryRead(Sequence, out ReadOnlySpan<byte> attribute))
                {
                    return null;
                }

                var parts = new DerReader(attribute);
                if (!parts.TryRead(ObjectIdentifier, out ReadOnlySpan<byte> oid) || !parts.TryRead(out _, out ReadOnlySpan<byte> value))
                {
                    return null;
                }

                if (text.Length > 0)
                {
                    text.Append(firstInSet ? ',' : '+');
                }

                text.Append(AttributeName(oid)).Append('=');
                AppendEscaped(text, AsciiText.ToSafeString(value));
                firstInSet = false;
            }

            if (text.Length > AsciiText.MaxFieldLength)
            {
                break;
            }
        }

        return text.ToString();
    }

    private static int GetOffset(ReadOnlySpan<byte> whole, ReadOnlySpan<byte> part) =>
        (int)System.Runtime.CompilerServices.Unsafe.ByteOffset(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(whole),
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(part));

    private static string AttributeName(ReadOnlySpan<byte> oid)
    {
        // id-at (2.5.4.x) encodes as 55 04 x.
        if (oid.Length == 3 && oid[0] == 0x55 && oid[1] == 0x04)
        {
            switch (oid[2])
            {
                case 3: return "CN";
                case 5: return "serialNumber";
                case 6: return "C";
                case 7: return "L";
                case 8: return "ST";
                case 9: return "street";
                case 10: return "O";
                case 11: return "OU";
                default: break;
            }
        }

        // 1.2.840.113549.1.9.1 emailAddress.
        if (oid.SequenceEqual((ReadOnlySpan<byte>)[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01]))
        {
            return "emailAddress";
        }

        return "OID." + Convert.ToHexStringLower(oid);
    }

    private static void AppendEscaped(StringBuilder text, string value)
    {
        foreach (char c in value)
        {
            if (c is ',' or '+' or '"' or '\\' or '<' or '>' or ';')
            {
                text.Append('\\');
            }

            text.Append(c);
        }
    }
}
