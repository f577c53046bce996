using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Rdp;

/// <summary>
/// RDP connection start ([MS-RDPBCGR] §2.2.1.1): the client's X.224 Connection Request, inside
/// a TPKT frame (RFC 1006), may carry "Cookie: mstshash=USER", the user name typed into the
/// client. Reported as a <see cref="LoginEvent"/> with an unknown result (the outcome is
/// encrypted). Parsing stops after the first client frame.
/// </summary>
internal sealed class RdpParser : FramedStreamParser
{
    private const byte TpktVersion = 3;
    private const byte ConnectionRequest = 0xE0;
    private const int X224FixedLength = 7;

    protected override int HeaderLength => 4;

    protected override int MaxFrameLength => 1024;

    private static ReadOnlySpan<byte> Cookie => "Cookie: mstshash="u8;

    protected override bool TryGetFrameLength(ReadOnlySpan<byte> header, out int frameLength)
    {
        frameLength = (header[2] << 8) | header[3];
        return header[0] == TpktVersion && header[1] == 0;
    }

    protected override void OnFrame(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> frame)
    {
        if (direction != FlowDirection.ToResponder)
        {
            return;
        }

        Stopped = true;
        ReadOnlySpan<byte> tpdu = frame[HeaderLength..];
        if (tpdu.Length < X224FixedLength || (tpdu[1] & 0xF0) != ConnectionRequest)
        {
            return;
        }

        ReadOnlySpan<byte> variable = tpdu[X224FixedLength..];
        if (!variable.StartsWith(Cookie))
        {
            return;
        }

        ReadOnlySpan<byte> user = variable[Cookie.Length..];
        int end = user.IndexOf("\r\n"u8);
        if (end <= 0)
        {
            return;
        }

        Logins.Report(context, LoginProtocol.Rdp, AsciiText.ToSafeString(user[..end]), LoginResult.Unknown, plaintextPassword: false, status: null);
    }
}
