using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Ftp;

/// <summary>
/// FTP control connection (RFC 959): USER and PASS with the 230/530 replies become
/// <see cref="LoginEvent"/>s. A PASS command means a password crossed the wire in clear; its
/// argument is never read. AUTH TLS accepted with 234 ends parsing (the rest is encrypted).
/// </summary>
internal sealed class FtpParser : LineStreamParser
{
    private string? _user;
    private Awaiting _awaiting;

    private enum Awaiting : byte
    {
        Nothing,
        UserReply,
        PassReply,
        AuthReply,
    }

    protected override void OnLine(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> line)
    {
        if (direction == FlowDirection.ToResponder)
        {
            OnCommand(context, line);
        }
        else if (Logins.TryReadReplyCode(line, out int code, out bool final) && final)
        {
            OnReply(context, code);
        }
    }

    protected override void OnCloseCore(in ParserContext context)
    {
        if (_awaiting == Awaiting.PassReply)
        {
            Logins.Report(context, LoginProtocol.Ftp, _user, LoginResult.Unknown, plaintextPassword: true, status: null);
        }

        _awaiting = Awaiting.Nothing;
    }

    private void OnCommand(in ParserContext context, ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> rest = line;
        ReadOnlySpan<byte> command = AsciiText.NextToken(ref rest);
        if (AsciiText.EqualsIgnoreCase(command, "USER"u8))
        {
            OnCloseCore(context);
            _user = AsciiText.ToSafeString(rest);
            _awaiting = Awaiting.UserReply;
        }
        else if (AsciiText.EqualsIgnoreCase(command, "PASS"u8))
        {
            OnCloseCore(context);
            _awaiting = Awaiting.PassReply;
        }
        else if (AsciiText.EqualsIgnoreCase(command, "AUTH"u8))
        {
            _awaiting = Awaiting.AuthReply;
        }
    }

    private void OnReply(in ParserContext context, int code)
    {
        switch (_awaiting)
        {
            case Awaiting.UserReply when code == 230:
                // Logged in without a password.
                Logins.Report(context, LoginProtocol.Ftp, _user, LoginResult.Success, plaintextPassword: false, Logins.CodeText(code));
                _awaiting = Awaiting.Nothing;
                break;
            case Awaiting.UserReply when code >= 400:
                Logins.Report(context, LoginProtocol.Ftp, _user, LoginResult.Failure, plaintextPassword: false, Logins.CodeText(code));
                _awaiting = Awaiting.Nothing;
                break;
            case Awaiting.PassReply when code is 230 or 202:
                Logins.Report(context, LoginProtocol.Ftp, _user, LoginResult.Success, plaintextPassword: true, Logins.CodeText(code));
                _awaiting = Awaiting.Nothing;
                break;
            case Awaiting.PassReply when code >= 400:
                Logins.Report(context, LoginProtocol.Ftp, _user, LoginResult.Failure, plaintextPassword: true, Logins.CodeText(code));
                _awaiting = Awaiting.Nothing;
                break;
            case Awaiting.AuthReply when code == 234:
                Stopped = true;
                break;
            case Awaiting.AuthReply:
                _awaiting = Awaiting.Nothing;
                break;
            default:
                break;
        }
    }
}
