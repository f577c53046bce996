using System.Buffers.Binary;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Smb;

/// <summary>Offsets of the SMB2 header and SESSION_SETUP ([MS-SMB2] §2.2.1, §2.2.5, §2.2.6).</summary>
internal static class Smb2Layout
{
    public const int HeaderLength = 64;
    public const int StatusOffset = 8;
    public const int CommandOffset = 12;
    public const int FlagsOffset = 16;
    public const int NextCommandOffset = 20;
    public const int MessageIdOffset = 24;
    public const int SecurityBufferOffsetOffset = 12;
    public const int SecurityBufferLengthOffset = 14;
    public const int SessionSetupRequestMinLength = 24;
    public const ushort CommandSessionSetup = 0x0001;
    public const uint FlagServerToRedirector = 0x00000001;

    public static ReadOnlySpan<byte> ProtocolId => [0xFE, (byte)'S', (byte)'M', (byte)'B'];
}

/// <summary>
/// SMB2/3 over TCP 445 (and 139) with the NetBIOS session framing (RFC 1002 §4.3.1): the
/// SESSION_SETUP request's NTLMSSP AUTHENTICATE names domain, user and workstation; the
/// response's NTSTATUS gives the outcome. Reported as <see cref="LoginEvent"/>(Ntlm).
/// Encrypted (transform) and SMB1 messages are skipped.
/// </summary>
internal sealed class SmbParser : FramedStreamParser
{
    private const uint StatusSuccess = 0x00000000;
    private const uint StatusMoreProcessingRequired = 0xC0000016;
    private const int MaxPending = 8;

    private readonly List<Pending> _pending = [];

    protected override int HeaderLength => 4;

    protected override bool TryGetFrameLength(ReadOnlySpan<byte> header, out int frameLength)
    {
        // Type 0 is a session message; its length has 17 bits (the 7 flag bits are zero).
        frameLength = 4 + (((header[1] & 0x01) << 16) | (header[2] << 8) | header[3]);
        return header[1] <= 1;
    }

    protected override void OnFrame(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> frame)
    {
        if (frame[0] != 0)
        {
            return;
        }

        ReadOnlySpan<byte> message = frame[4..];
        for (int guard = 0; guard < 32 && message.Length >= Smb2Layout.HeaderLength && message.StartsWith(Smb2Layout.ProtocolId); guard++)
        {
            OnSmb2(context, message);
            uint next = BinaryPrimitives.ReadUInt32LittleEndian(message[Smb2Layout.NextCommandOffset..]);
            if (next == 0 || next > (uint)message.Length)
            {
                break;
            }

            message = message[(int)next..];
        }
    }

    public override void OnClose(in ParserContext context)
    {
        foreach (Pending pending in _pending)
        {
            Report(context, pending.Identity, LoginResult.Unknown, null);
        }

        _pending.Clear();
    }

    private void OnSmb2(in ParserContext context, ReadOnlySpan<byte> message)
    {
        if (BinaryPrimitives.ReadUInt16LittleEndian(message[Smb2Layout.CommandOffset..]) != Smb2Layout.CommandSessionSetup)
        {
            return;
        }

        ulong messageId = BinaryPrimitives.ReadUInt64LittleEndian(message[Smb2Layout.MessageIdOffset..]);
        bool isResponse = (BinaryPrimitives.ReadUInt32LittleEndian(message[Smb2Layout.FlagsOffset..]) & Smb2Layout.FlagServerToRedirector) != 0;
        if (isResponse)
        {
            uint status = BinaryPrimitives.ReadUInt32LittleEndian(message[Smb2Layout.StatusOffset..]);
            int index = -1;
            for (int i = 0; i < _pending.Count; i++)
            {
                if (_pending[i].MessageId == messageId)
                {
                    index = i;
                    break;
                }
            }

            if (index < 0 || status == StatusMoreProcessingRequired)
            {
                return;
            }

            NtlmIdentity answered = _pending[index].Identity;
            _pending.RemoveAt(index);
            Report(context, answered, status == StatusSuccess ? LoginResult.Success : LoginResult.Failure,
                "0x" + status.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        ReadOnlySpan<byte> body = message[Smb2Layout.HeaderLength..];
        if (body.Length < Smb2Layout.SessionSetupRequestMinLength)
        {
            return;
        }

        int offset = BinaryPrimitives.ReadUInt16LittleEndian(body[Smb2Layout.SecurityBufferOffsetOffset..]);
        int length = BinaryPrimitives.ReadUInt16LittleEndian(body[Smb2Layout.SecurityBufferLengthOffset..]);
        if (offset < Smb2Layout.HeaderLength || offset + length > message.Length)
        {
            return;
        }

        if (NtlmMessage.Find(message.Slice(offset, length), out ReadOnlySpan<byte> ntlm) == NtlmMessage.TypeAuthenticate
            && NtlmMessage.TryReadAuthenticate(ntlm, out NtlmIdentity identity))
        {
            if (_pending.Count == MaxPending)
            {
                _pending.RemoveAt(0);
            }

            _pending.Add(new Pending(messageId, identity));
        }
    }

    private static void Report(in ParserContext context, NtlmIdentity identity, LoginResult result, string? status)
    {
        context.Sink.OnEvent(new LoginEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            Protocol = LoginProtocol.Ntlm,
            User = identity.User,
            Domain = identity.Domain,
            Workstation = identity.Workstation,
            Result = result,
            Status = status,
        });
    }

    private readonly record struct Pending(ulong MessageId, NtlmIdentity Identity);
}
