using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Mail;

/// <summary>
/// IMAP (RFC 9051): LOGIN and AUTHENTICATE (PLAIN, LOGIN, CRAM-MD5) with the tagged OK/NO
/// verdict become <see cref="LoginEvent"/>s. STARTTLS accepted ends parsing.
/// </summary>
internal sealed class ImapParser : LineStreamParser
{
    private const int MaxTagLength = 64;

    private SaslExchange _sasl;
    private string? _user;
    private bool _plaintext;
    private Awaiting _awaiting;
    private byte[]? _tag;
    private int _tagLength;

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

        if (_awaiting == Awaiting.Nothing || line.StartsWith("* "u8) || line.StartsWith("+"u8))
        {
            return;
        }

        ReadOnlySpan<byte> rest = line;
        ReadOnlySpan<byte> tag = AsciiText.NextToken(ref rest);
        if (!tag.SequenceEqual(_tag.AsSpan(0, _tagLength)))
        {
            return;
        }

        ReadOnlySpan<byte> status = AsciiText.NextToken(ref rest);
        bool ok = AsciiText.EqualsIgnoreCase(status, "OK"u8);
        bool no = AsciiText.EqualsIgnoreCase(status, "NO"u8) || AsciiText.EqualsIgnoreCase(status, "BAD"u8);
        if (!ok && !no)
        {
            return;
        }

        if (_awaiting == Awaiting.StartTls)
        {
            Stopped = ok;
        }
        else
        {
            Logins.Report(context, LoginProtocol.Imap, _user, ok ? LoginResult.Success : LoginResult.Failure, _plaintext, ok ? "OK" : "NO");
            _sasl.Reset();
        }

        _awaiting = Awaiting.Nothing;
    }

    protected override void OnCloseCore(in ParserContext context)
    {
        // An exchange the client never answered sent no credentials: nothing to report.
        if (_awaiting == Awaiting.Verdict && (_user is not null || _plaintext))
        {
            Logins.Report(context, LoginProtocol.Imap, _user, LoginResult.Unknown, _plaintext, null);
        }

        _awaiting = Awaiting.Nothing;
    }

    private void OnCommand(in ParserContext context, ReadOnlySpan<byte> line)
    {
        if (_sasl.IsCollecting && _awaiting == Awaiting.Verdict)
        {
            _sasl.OnClientLine(line);
            _user = _sasl.User;
            _plaintext = _sasl.PlaintextPassword;
            return;
        }

        ReadOnlySpan<byte> rest = line;
        ReadOnlySpan<byte> tag = AsciiText.NextToken(ref rest);
        ReadOnlySpan<byte> command = AsciiText.NextToken(ref rest);
        if (tag.IsEmpty || tag.Length > MaxTagLength)
        {
            return;
        }

        if (AsciiText.EqualsIgnoreCase(command, "LOGIN"u8))
        {
            OnCloseCore(context);
            _user = ReadAstring(rest);
            _plaintext = true;
            Await(tag, Awaiting.Verdict);
        }
        else if (AsciiText.EqualsIgnoreCase(command, "AUTHENTICATE"u8))
        {
            OnCloseCore(context);
            ReadOnlySpan<byte> mechanism = AsciiText.NextToken(ref rest);
            _sasl.Start(mechanism, rest);
            _user = _sasl.User;
            _plaintext = _sasl.PlaintextPassword;
            Await(tag, Awaiting.Verdict);
        }
        else if (AsciiText.EqualsIgnoreCase(command, "STARTTLS"u8))
        {
            Await(tag, Awaiting.StartTls);
        }
    }

    private void Await(ReadOnlySpan<byte> tag, Awaiting awaiting)
    {
        _tag ??= new byte[MaxTagLength];
        tag.CopyTo(_tag);
        _tagLength = tag.Length;
        _awaiting = awaiting;
    }

    /// <summary>An IMAP astring: an atom or a quoted string (a literal's content is not on this line).</summary>
    private static string? ReadAstring(ReadOnlySpan<byte> text)
    {
        text = text.TrimStart((byte)' ');
        if (text.IsEmpty || text[0] == (byte)'{')
        {
            return null;
        }

        if (text[0] != (byte)'"')
        {
            int space = text.IndexOf((byte)' ');
            return AsciiText.ToSafeString(space < 0 ? text : text[..space]);
        }

        Span<byte> value = stackalloc byte[AsciiText.MaxFieldLength];
        int length = 0;
        for (int i = 1; i < text.Length && length < value.Length; i++)
        {
            byte b = text[i];
            if (b == (byte)'\\' && i + 1 < text.Length)
            {
                value[length++] = text[++i];
            }
            else if (b == (byte)'"')
            {
                return AsciiText.ToSafeString(value[..length]);
            }
            else
            {
                value[length++] = b;
            }
        }

        return null;
    }
}
