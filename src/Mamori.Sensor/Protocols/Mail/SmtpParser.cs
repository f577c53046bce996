using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Mail;

/// <summary>
/// SMTP submission (RFC 5321, RFC 4954): AUTH PLAIN, LOGIN and CRAM-MD5 with the 235/535
/// verdict become <see cref="LoginEvent"/>s. Message content after DATA is skipped line by
/// line; STARTTLS accepted ends parsing.
/// </summary>
internal sealed class SmtpParser : LineStreamParser
{
    private SaslExchange _sasl;
    private Awaiting _awaiting;
    private bool _inData;

    private enum Awaiting : byte
    {
        Nothing,
        Verdict,
        StartTls,
        Data,
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
        // An exchange the client never answered sent no credentials: nothing to report.
        if (_awaiting == Awaiting.Verdict && (_sasl.User is not null || _sasl.PlaintextPassword))
        {
            Logins.Report(context, LoginProtocol.Smtp, _sasl.User, LoginResult.Unknown, _sasl.PlaintextPassword, null);
        }

        _awaiting = Awaiting.Nothing;
    }

    private void OnCommand(in ParserContext context, ReadOnlySpan<byte> line)
    {
        if (_inData)
        {
            _inData = !line.SequenceEqual("."u8);
            return;
        }

        if (_awaiting == Awaiting.Verdict && _sasl.IsCollecting)
        {
            _sasl.OnClientLine(line);
            return;
        }

        ReadOnlySpan<byte> rest = line;
        ReadOnlySpan<byte> command = AsciiText.NextToken(ref rest);
        if (AsciiText.EqualsIgnoreCase(command, "AUTH"u8))
        {
            OnCloseCore(context);
            ReadOnlySpan<byte> mechanism = AsciiText.NextToken(ref rest);
            _sasl.Start(mechanism, rest);
            _awaiting = Awaiting.Verdict;
        }
        else if (AsciiText.EqualsIgnoreCase(command, "STARTTLS"u8))
        {
            _awaiting = Awaiting.StartTls;
        }
        else if (AsciiText.EqualsIgnoreCase(command, "DATA"u8))
        {
            _awaiting = Awaiting.Data;
        }
    }

    private void OnReply(in ParserContext context, int code)
    {
        switch (_awaiting)
        {
            case Awaiting.Verdict when code == 334:
                return;
            case Awaiting.Verdict:
                LoginResult result = code is >= 200 and < 300 ? LoginResult.Success : LoginResult.Failure;
                Logins.Report(context, LoginProtocol.Smtp, _sasl.User, result, _sasl.PlaintextPassword, Logins.CodeText(code));
                _sasl.Reset();
                break;
            case Awaiting.StartTls:
                Stopped = code == 220;
                break;
            case Awaiting.Data:
                // The client may already be sending the message (pipelining); 354 confirms it.
                _inData = code == 354;
                break;
            default:
                break;
        }

        _awaiting = Awaiting.Nothing;
    }
}
