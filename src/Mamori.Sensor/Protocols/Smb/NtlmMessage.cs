using System.Buffers.Binary;
using System.Text;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Smb;

/// <summary>The names an NTLM AUTHENTICATE message carries (never its responses or keys).</summary>
internal readonly record struct NtlmIdentity(string? Domain, string? User, string? Workstation);

/// <summary>
/// Reads NTLMSSP messages ([MS-NLMP] §2.2.1). Only the AUTHENTICATE message (type 3) matters:
/// it names the domain, user and workstation. Offsets in it are relative to the "NTLMSSP\0"
/// signature, which is found by search so SPNEGO wrapping need not be decoded.
/// </summary>
internal static class NtlmMessage
{
    public const int TypeNegotiate = 1;
    public const int TypeChallenge = 2;
    public const int TypeAuthenticate = 3;

    private const int MessageTypeOffset = 8;
    private const int DomainFieldsOffset = 28;
    private const int UserFieldsOffset = 36;
    private const int WorkstationFieldsOffset = 44;
    private const int NegotiateFlagsOffset = 60;
    private const int AuthenticateMinLength = 64;
    private const uint NegotiateUnicode = 0x00000001;

    public static ReadOnlySpan<byte> Signature => "NTLMSSP\0"u8;

    /// <summary>Finds an NTLMSSP message inside a security blob and returns its type, or 0.</summary>
    public static int Find(ReadOnlySpan<byte> blob, out ReadOnlySpan<byte> message)
    {
        int start = blob.IndexOf(Signature);
        if (start < 0 || blob.Length - start < MessageTypeOffset + 4)
        {
            message = default;
            return 0;
        }

        message = blob[start..];
        return (int)BinaryPrimitives.ReadUInt32LittleEndian(message[MessageTypeOffset..]);
    }

    public static bool TryReadAuthenticate(ReadOnlySpan<byte> message, out NtlmIdentity identity)
    {
        identity = default;
        if (message.Length < AuthenticateMinLength || !message.StartsWith(Signature)
            || BinaryPrimitives.ReadUInt32LittleEndian(message[MessageTypeOffset..]) != TypeAuthenticate)
        {
            return false;
        }

        bool unicode = (BinaryPrimitives.ReadUInt32LittleEndian(message[NegotiateFlagsOffset..]) & NegotiateUnicode) != 0;
        if (!TryReadField(message, DomainFieldsOffset, unicode, out string? domain)
            || !TryReadField(message, UserFieldsOffset, unicode, out string? user)
            || !TryReadField(message, WorkstationFieldsOffset, unicode, out string? workstation))
        {
            return false;
        }

        identity = new NtlmIdentity(domain, user, workstation);
        return true;
    }

    private static bool TryReadField(ReadOnlySpan<byte> message, int fieldOffset, bool unicode, out string? value)
    {
        value = null;
        int length = BinaryPrimitives.ReadUInt16LittleEndian(message[fieldOffset..]);
        uint offset = BinaryPrimitives.ReadUInt32LittleEndian(message[(fieldOffset + 4)..]);
        if (length == 0)
        {
            return true;
        }

        if (offset > (uint)message.Length || length > message.Length - (int)offset || length > 1024)
        {
            return false;
        }

        ReadOnlySpan<byte> bytes = message.Slice((int)offset, length);
        value = unicode ? Sanitize(Encoding.Unicode.GetString(bytes)) : AsciiText.ToSafeString(bytes);
        return true;
    }

    private static string Sanitize(string text) =>
        text.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0 ? text : text.Replace('\0', '?');
}
