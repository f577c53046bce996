using System.Buffers.Binary;
using System.Net;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;
using Mamori.Sensor.Protocols.Dns;

namespace Mamori.Sensor.Protocols.NameServices;

/// <summary>
/// NetBIOS name service (RFC 1002 §4.2, UDP 137): name queries, registrations and refreshes,
/// and positive query answers, reported as <see cref="NameEvent"/>s. Names use the
/// "first-level encoding": each byte of the 16-byte name becomes two letters 'A'..'P'.
/// </summary>
internal sealed class NbnsParser : IDatagramParser
{
    public static readonly NbnsParser Instance = new();

    private const int EncodedNameLength = 32;
    private const ushort TypeNb = 0x0020;
    private const int OpcodeQuery = 0;
    private const int OpcodeRegistration = 5;
    private const int OpcodeRefresh = 8;
    private const int OpcodeRefreshAlternate = 9;
    private const int OpcodeMultiHomedRegistration = 15;

    private int _malformed;

    public int Malformed => _malformed;

    public void OnDatagram(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> payload)
    {
        if (!TryHandle(context, payload))
        {
            Interlocked.Increment(ref _malformed);
        }
    }

    private static bool TryHandle(in ParserContext context, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < DnsLayout.HeaderLength)
        {
            return false;
        }

        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(payload[DnsLayout.FlagsOffset..]);
        bool isResponse = (flags & 0x8000) != 0;
        int opcode = (flags >> 11) & 0xF;
        int rcode = flags & 0xF;
        int questions = BinaryPrimitives.ReadUInt16BigEndian(payload[DnsLayout.QuestionCountOffset..]);
        int answers = BinaryPrimitives.ReadUInt16BigEndian(payload[DnsLayout.AnswerCountOffset..]);
        int authorities = BinaryPrimitives.ReadUInt16BigEndian(payload[DnsLayout.AuthorityCountOffset..]);
        int additionals = BinaryPrimitives.ReadUInt16BigEndian(payload[DnsLayout.AdditionalCountOffset..]);

        int offset = DnsLayout.HeaderLength;
        Span<byte> decoded = stackalloc byte[16];
        string? name = null;
        bool wildcard = false;
        if (questions > 0)
        {
            if (!TryReadNetBiosName(payload, ref offset, decoded) || (uint)(offset + 4) > (uint)payload.Length)
            {
                return false;
            }

            offset += 4;
            wildcard = decoded[0] == (byte)'*';
            name = wildcard ? null : NameText(decoded);
        }

        bool announcing = !isResponse && opcode is OpcodeRegistration or OpcodeRefresh or OpcodeRefreshAlternate or OpcodeMultiHomedRegistration;
        bool answering = isResponse && opcode == OpcodeQuery && rcode == 0 && answers > 0;
        IPAddress? address = null;
        int records = answers + authorities + additionals;
        for (int i = 0; i < records && (announcing || answering); i++)
        {
            if (!TryReadNetBiosName(payload, ref offset, decoded) || (uint)(offset + 10) > (uint)payload.Length)
            {
                return false;
            }

            ushort type = BinaryPrimitives.ReadUInt16BigEndian(payload[offset..]);
            int rdLength = BinaryPrimitives.ReadUInt16BigEndian(payload[(offset + 8)..]);
            int rdStart = offset + 10;
            if (rdStart + rdLength > payload.Length)
            {
                return false;
            }

            if (type == TypeNb && rdLength >= 6)
            {
                name ??= NameText(decoded);
                address = new IPAddress(payload.Slice(rdStart + 2, 4));
                break;
            }

            offset = rdStart + rdLength;
        }

        if (name is null || name.Length == 0 || (isResponse && !answering))
        {
            return true;
        }

        if (!announcing && !answering && (isResponse || opcode != OpcodeQuery))
        {
            return true;
        }

        context.Sink.OnEvent(new NameEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            Source = "nbns",
            Name = name,
            IsAnnouncement = announcing || answering,
            Address = address,
        });
        return true;
    }

    /// <summary>Reads an encoded name (or a pointer to one) and decodes its first label.</summary>
    internal static bool TryReadNetBiosName(ReadOnlySpan<byte> message, ref int offset, Span<byte> decoded)
    {
        Span<byte> text = stackalloc byte[DnsLayout.MaxNameLength];
        if (!DnsMessageReader.TryReadName(message, ref offset, text, out int written) || written < EncodedNameLength)
        {
            return false;
        }

        if (written > EncodedNameLength && text[EncodedNameLength] != (byte)'.')
        {
            return false;
        }

        for (int i = 0; i < 16; i++)
        {
            int high = text[2 * i] - 'A';
            int low = text[(2 * i) + 1] - 'A';
            if ((uint)high > 15 || (uint)low > 15)
            {
                return false;
            }

            decoded[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    /// <summary>The 15-character name without its padding; the 16th byte is the service suffix.</summary>
    private static string NameText(ReadOnlySpan<byte> decoded) =>
        AsciiText.ToSafeString(decoded[..15].TrimEnd((byte)' ').TrimEnd((byte)0));
}
