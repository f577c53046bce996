using System.Buffers.Binary;
using System.Net;
using System.Text;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Dns;

/// <summary>What one DNS message says, as far as the events need it.</summary>
internal sealed class DnsMessage
{
    public ushort Id { get; init; }
    public bool IsResponse { get; init; }
    public byte Opcode { get; init; }
    public byte ResponseCode { get; init; }
    public string Query { get; init; } = "";
    public ushort QueryType { get; init; }
    public List<string>? Answers { get; init; }
    public List<uint>? Ttls { get; init; }

    /// <summary>Owner names and addresses of A/AAAA answers (mDNS/LLMNR announcements).</summary>
    public List<(string Name, IPAddress Address)>? Addresses { get; init; }

    public int Length { get; init; }
}

/// <summary>
/// Reads DNS messages (RFC 1035 §4) from a span. Never throws: malformed input returns false.
/// Names follow compression pointers with a hop limit, so a pointer loop cannot hang the reader.
/// </summary>
internal static class DnsMessageReader
{
    public static bool TryRead(ReadOnlySpan<byte> message, bool collectAddresses, out DnsMessage? result)
    {
        result = null;
        if (message.Length < DnsLayout.HeaderLength)
        {
            return false;
        }

        ushort id = BinaryPrimitives.ReadUInt16BigEndian(message[DnsLayout.IdOffset..]);
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(message[DnsLayout.FlagsOffset..]);
        int questions = BinaryPrimitives.ReadUInt16BigEndian(message[DnsLayout.QuestionCountOffset..]);
        int answers = BinaryPrimitives.ReadUInt16BigEndian(message[DnsLayout.AnswerCountOffset..]);
        bool isResponse = (flags & DnsLayout.ResponseFlag) != 0;

        int offset = DnsLayout.HeaderLength;
        Span<byte> name = stackalloc byte[DnsLayout.MaxNameLength];
        string query = "";
        ushort queryType = 0;
        for (int i = 0; i < questions; i++)
        {
            if (!TryReadName(message, ref offset, name, out int nameLength) || (uint)(offset + 4) > (uint)message.Length)
            {
                return false;
            }

            if (i == 0)
            {
                // Escaped binary labels take up to four characters a byte: keep the whole name, not MaxFieldLength.
                query = AsciiText.ToSafeString(name[..nameLength], DnsLayout.MaxNameLength);
                queryType = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
            }

            offset += 4;
        }

        List<string>? answerTexts = null;
        List<uint>? ttls = null;
        List<(string, IPAddress)>? addresses = null;
        for (int i = 0; i < answers; i++)
        {
            if (!TryReadName(message, ref offset, name, out int ownerLength) || (uint)(offset + 10) > (uint)message.Length)
            {
                return false;
            }

            ushort type = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
            uint ttl = BinaryPrimitives.ReadUInt32BigEndian(message[(offset + 4)..]);
            int rdLength = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 8)..]);
            int rdStart = offset + 10;
            if (rdStart + rdLength > message.Length)
            {
                return false;
            }

            if (i < DnsLayout.MaxAnswers)
            {
                string? text = FormatRecord(message, type, rdStart, rdLength, out IPAddress? address);
                if (text is null)
                {
                    return false;
                }

                (answerTexts ??= []).Add(text);
                (ttls ??= []).Add(ttl);
                if (collectAddresses && address is not null)
                {
                    (addresses ??= []).Add((AsciiText.ToSafeString(name[..ownerLength], DnsLayout.MaxNameLength), address));
                }
            }

            offset = rdStart + rdLength;
        }

        result = new DnsMessage
        {
            Id = id,
            IsResponse = isResponse,
            Opcode = (byte)((flags >> 11) & 0xF),
            ResponseCode = (byte)(flags & 0xF),
            Query = query,
            QueryType = queryType,
            Answers = answerTexts,
            Ttls = ttls,
            Addresses = addresses,
            Length = message.Length,
        };
        return true;
    }

    /// <summary>
    /// Reads a possibly compressed name at <paramref name="offset"/> into presentation form
    /// ("www.example.com"; "" for the root) and moves the offset past it.
    /// </summary>
    public static bool TryReadName(ReadOnlySpan<byte> message, ref int offset, Span<byte> output, out int written)
    {
        written = 0;
        int position = offset;
        int end = -1;
        int hops = 0;
        int wireLength = 0;
        while (true)
        {
            if ((uint)position >= (uint)message.Length)
            {
                return false;
            }

            byte length = message[position];
            if (length == 0)
            {
                if (end < 0)
                {
                    end = position + 1;
                }

                break;
            }

            if ((length & 0xC0) == 0xC0)
            {
                if ((uint)(position + 1) >= (uint)message.Length || ++hops > DnsLayout.MaxPointerHops)
                {
                    return false;
                }

                if (end < 0)
                {
                    end = position + 2;
                }

                position = ((length & 0x3F) << 8) | message[position + 1];
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                // Extended label types (RFC 6891 §5) are not used on the wire today.
                return false;
            }

            wireLength += length + 1;
            if (wireLength > 255 || position + 1 + length > message.Length)
            {
                return false;
            }

            if (written > 0)
            {
                output[written++] = (byte)'.';
            }

            foreach (byte b in message.Slice(position + 1, length))
            {
                if (b is (byte)'.' or (byte)'\\' || b <= 0x20 || b >= 0x7F)
                {
                    // Escaped as in RFC 4343 presentation form so the text stays unambiguous.
                    if (b is (byte)'.' or (byte)'\\')
                    {
                        output[written++] = (byte)'\\';
                        output[written++] = b;
                    }
                    else
                    {
                        output[written++] = (byte)'\\';
                        output[written++] = (byte)('0' + (b / 100));
                        output[written++] = (byte)('0' + (b / 10 % 10));
                        output[written++] = (byte)('0' + (b % 10));
                    }
                }
                else
                {
                    output[written++] = b;
                }
            }

            position += 1 + length;
        }

        offset = end;
        return true;
    }

    private static string? FormatRecord(ReadOnlySpan<byte> message, ushort type, int start, int length, out IPAddress? address)
    {
        address = null;
        ReadOnlySpan<byte> rdata = message.Slice(start, length);
        switch (type)
        {
            case 1 when length == 4:
            case 28 when length == 16:
                address = new IPAddress(rdata);
                return address.ToString();
            case 1 or 28:
                return null;
            case 2 or 5 or 12 or 39:
                return ReadNameText(message, start, start + length);
            case 15 when length > 2:
                return ReadNameText(message, start + 2, start + length);
            case 16:
                return FormatTxt(rdata);
            default:
                return "<" + DnsNames.TypeName(type) + ">";
        }
    }

    private static string? ReadNameText(ReadOnlySpan<byte> message, int start, int limit)
    {
        Span<byte> name = stackalloc byte[DnsLayout.MaxNameLength];
        int offset = start;
        return TryReadName(message, ref offset, name, out int written) && offset <= limit
            ? AsciiText.ToSafeString(name[..written], DnsLayout.MaxNameLength)
            : null;
    }

    private static string? FormatTxt(ReadOnlySpan<byte> rdata)
    {
        var text = new StringBuilder();
        while (!rdata.IsEmpty)
        {
            int length = rdata[0];
            if (length + 1 > rdata.Length)
            {
                return null;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(AsciiText.ToSafeString(rdata.Slice(1, length)));
            rdata = rdata[(length + 1)..];
            if (text.Length > AsciiText.MaxFieldLength)
            {
                break;
            }
        }

        return text.ToString(0, Math.Min(text.Length, AsciiText.MaxFieldLength));
    }

}
