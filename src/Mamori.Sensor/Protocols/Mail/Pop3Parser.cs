using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Mail;

/// <summary>
/// POP3 (RFC 1939, RFC 5034): USER/PASS, APOP and AUTH (PLAIN, LOGIN, CRAM-MD5) with the
/// server's +OK/-ERR verdict become <see cref="LoginEvent"/>s. STLS accepted ends parsing.
/// </summary>
internal sealed class Pop3Parser : LineStreamParser
{
    private SaslExchange _sasl;
    private string? _user;
    private Awaiting _awaiting;
    private bool _plaintext;

    private enum Awaiting : byte
    {
        Nothing,
        Verdict,
        StartTls,
    }

    protected override void OnLine(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> line)
    {
        if (direction == FlowDirection.ToResponder)
        {
            OnCommand(context, line);
            return;
        }

        bool ok = line.StartsWith("+OK"u8);
        bool error = line.StartsWith("-ERR"u8);
        if (!ok && !error)
        {
            return;
        }

        if (_awaiting == Awaiting.StartTls)
        {
            Stopped = ok;
            _awaiting = Awaiting.Nothing;
        }
        else if (_awaiting == Awaiting.Verdict)
        {
            Logins.Report(context, LoginProtocol.Pop3, _user, ok ? LoginResult.Success : LoginResult.Failure, _plaintext, ok ? "+OK" : "-ERR");
            _awaiting = Awaiting.Nothing;
            _sasl.Reset();
        }
    }

    protected override void OnCloseCore(in ParserContext context)
    {
        // An exchange the client never answered sent no credentials: nothing to report.
        if (_awaiting == Awaiting.Verdict && (_user is not null || _plaintext))
        {
            Logins.Report(context, LoginProtocol.Pop3, _user, LoginResult.Unknown, _plaintext, null);
        }

        _awaiting = Awaiting.Nothing;
    }

    private void OnCommand(in ParserContext context, ReadOnlySpan<byte> line)
    {
        if (_sasl.IsCollecting)
        {
            _sasl.OnClientLine(line);
            _user = _sasl.User;
            _plaintext = _sasl.PlaintextPassword;
            if (!_sasl.IsActive)
            {
                _awaiting = Awaiting.Nothing;
            }

            return;
        }

        ReadOnlySpan<byte> rest = line;
        ReadOnlySpan<byte> command = AsciiText.NextToken(ref rest);
        if (AsciiText.EqualsIgnoreCase(command, "USER"u8))
        {
            OnCloseCore(context);
            _user = AsciiText.ToSafeString(rest);
        }
        else if (AsciiText.EqualsIgnoreCase(command, "PASS"u8))
        {
            OnCloseCore(context);
            _plaintext = true;
            _awaiting = Awaiting.Verdict;
        }
        else if (AsciiText.EqualsIgnoreCase(command, "APOP"u8))
        {
            OnCloseCore(context);
            _user = AsciiText.ToSafeString(AsciiText.NextToken(ref rest));
            _plaintext = false;
            _awaiting = Awaiting.Verdict;
        }
        else if (AsciiText.EqualsIgnoreCase(command, "AUTH"u8) && !rest.IsEmpty)
        {
            OnCloseCore(context);
            ReadOnlySpan<byte> mechanism = AsciiText.NextToken(ref rest);
            _sasl.Start(mechanism, rest);
            _user = _sasl.User;
            _plaintext = _sasl.PlaintextPassword;
            _awaiting = Awaiting.Verdict;
        }
        else if (AsciiText.EqualsIgnoreCase(command, "STLS"u8))
        {
            _awaiting = Awaiting.StartTls;
        }
    }
}
