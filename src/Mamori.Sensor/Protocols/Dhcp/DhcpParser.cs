using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Dhcp;

/// <summary>Offsets of the BOOTP/DHCP message (RFC 2131 §2, options in RFC 2132).</summary>
internal static class DhcpLayout
{
    public const int HardwareLengthOffset = 2;
    public const int YourAddressOffset = 16;
    public const int ClientHardwareOffset = 28;
    public const int MagicCookieOffset = 236;
    public const int OptionsOffset = 240;
    public const uint MagicCookie = 0x63825363;

    public const byte OptionPad = 0;
    public const byte OptionHostName = 12;
    public const byte OptionRequestedAddress = 50;
    public const byte OptionLeaseTime = 51;
    public const byte OptionMessageType = 53;
    public const byte OptionParameterRequestList = 55;
    public const byte OptionVendorClass = 60;
    public const byte OptionEnd = 255;
}

/// <summary>
/// DHCP (UDP 67/68): message type, client MAC, host name, vendor class, requested and assigned
/// address, lease time and parameter request list, as <see cref="DhcpEvent"/>s. Stateless.
/// </summary>
internal sealed class DhcpParser : IDatagramParser
{
    public static readonly DhcpParser Instance = new();

    private int _malformed;

    public int Malformed => _malformed;

    public void OnDatagram(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> payload)
    {
        if (!TryRead(context, payload, out DhcpEvent? dhcp))
        {
            Interlocked.Increment(ref _malformed);
            return;
        }

        context.Sink.OnEvent(dhcp!);
    }

    internal static bool TryRead(in ParserContext context, ReadOnlySpan<byte> payload, out DhcpEvent? result)
    {
        result = null;
        if (payload.Length < DhcpLayout.OptionsOffset
            || BinaryPrimitives.ReadUInt32BigEndian(payload[DhcpLayout.MagicCookieOffset..]) != DhcpLayout.MagicCookie)
        {
            return false;
        }

        // chaddr is 16 bytes; hlen says how many are used (6 for Ethernet).
        int hardwareLength = Math.Min((int)payload[DhcpLayout.HardwareLengthOffset], 16);

        ReadOnlySpan<byte> options = payload[DhcpLayout.OptionsOffset..];
        int messageType = 0;
        ReadOnlySpan<byte> hostName = default;
        ReadOnlySpan<byte> vendorClass = default;
        ReadOnlySpan<byte> requested = default;
        ReadOnlySpan<byte> parameters = default;
        uint? lease = null;
        bool ended = false;
        int i = 0;
        while ((uint)i < (uint)options.Length)
        {
            byte code = options[i];
            if (code == DhcpLayout.OptionPad)
            {
                i++;
                continue;
            }

            if (code == DhcpLayout.OptionEnd)
            {
                ended = true;
                break;
            }

            if ((uint)(i + 1) >= (uint)options.Length || i + 2 + options[i + 1] > options.Length)
            {
                return false;
            }

            ReadOnlySpan<byte> value = options.Slice(i + 2, options[i + 1]);
            switch (code)
            {
                case DhcpLayout.OptionMessageType when value.Length == 1:
                    messageType = value[0];
                    break;
                case DhcpLayout.OptionHostName:
                    hostName = value;
                    break;
                case DhcpLayout.OptionVendorClass:
                    vendorClass = value;
                    break;
                case DhcpLayout.OptionRequestedAddress when value.Length == 4:
                    requested = value;
                    break;
                case DhcpLayout.OptionLeaseTime when value.Length == 4:
                    lease = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case DhcpLayout.OptionParameterRequestList:
                    parameters = value;
                    break;
                default:
                    break;
            }

            i += 2 + value.Length;
        }

        string? typeName = MessageTypeName(messageType);
        if (!ended || typeName is null)
        {
            return false;
        }

        uint yiaddr = BinaryPrimitives.ReadUInt32BigEndian(payload[DhcpLayout.YourAddressOffset..]);
        result = new DhcpEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            MessageType = typeName,
            ClientMac = new PhysicalAddress(payload.Slice(DhcpLayout.ClientHardwareOffset, hardwareLength).ToArray()),
            HostName = hostName.IsEmpty ? null : AsciiText.ToSafeString(hostName.TrimEnd((byte)0)),
            VendorClass = vendorClass.IsEmpty ? null : AsciiText.ToSafeString(vendorClass.TrimEnd((byte)0)),
            RequestedAddress = requested.IsEmpty ? null : new IPAddress(requested),
            AssignedAddress = yiaddr != 0 && messageType is 2 or 5 ? new IPAddress(payload.Slice(DhcpLayout.YourAddressOffset, 4)) : null,
            LeaseTime = lease is { } seconds && seconds != uint.MaxValue ? TimeSpan.FromSeconds(seconds) : null,
            ParameterRequestList = parameters.IsEmpty ? null : FormatList(parameters),
        };
        return true;
    }

    private static string? MessageTypeName(int type) => type switch
    {
        1 => "DISCOVER",
        2 => "OFFER",
        3 => "REQUEST",
        4 => "DECLINE",
        5 => "ACK",
        6 => "NAK",
        7 => "RELEASE",
        8 => "INFORM",
        _ => null,
    };

    private static string FormatList(ReadOnlySpan<byte> codes)
    {
        var text = new StringBuilder(codes.Length * 4);
        foreach (byte code in codes)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(code);
        }

        return text.ToString();
    }
}
