using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Telnet;

/// <summary>
/// Telnet (RFC 854) logins: option negotiation is stripped, the server's "login:" and
/// "Password:" prompts say what the client types next, and the server's next words decide:
/// "Login incorrect" is a failure, a shell prompt or "Last login" a success. The user name is
/// what the client typed at the login prompt; what it typed at the password prompt is skipped
/// unread (only the fact that a password crossed in clear is reported).
/// </summary>
internal sealed class TelnetParser : IStreamParser
{
    private const byte Iac = 255;
    private const byte Sb = 250;
    private const byte Se = 240;
    private const byte Will = 251;
    private const byte Dont = 254;
    private const int MaxUserLength = 128;
    private const int ServerWindowLength = 256;
    private const int MaxAttempts = 16;

    private readonly byte[] _serverText = new byte[ServerWindowLength];
    private int _serverLength;
    private IacState _clientIac;
    private IacState _serverIac;
    private Phase _phase;
    private byte[]? _user;
    private int _userLength;
    private string? _attemptUser;
    private bool _passwordSent;
    private int _attempts;

    private enum Phase : byte
    {
        Idle,
        TypingUser,
        TypingPassword,
        AwaitingVerdict,
        Done,
    }

    private enum IacState : byte
    {
        Data,
        Command,
        Option,
        Subnegotiation,
        SubnegotiationIac,
    }

    public void OnData(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> data)
    {
        if (_phase == Phase.Done)
        {
            return;
        }

        bool fromClient = direction == FlowDirection.ToResponder;
        ref IacState iac = ref fromClient ? ref _clientIac : ref _serverIac;
        foreach (byte b in data)
        {
            if (!Strip(ref iac, b))
            {
                continue;
            }

            if (fromClient)
            {
                OnClientByte(b);
            }
            else
            {
                OnServerByte(b);
            }
        }

        if (!fromClient)
        {
            OnServerText(context);
        }
    }

    public void OnGap(in ParserContext context, FlowDirection direction, int length)
    {
        // A lost segment may hide the prompt or the verdict; guessing would mislabel.
        OnClose(context);
        _phase = Phase.Done;
    }

    public void OnClose(in ParserContext context)
    {
        if (_phase == Phase.AwaitingVerdict || (_phase == Phase.TypingPassword && _attemptUser is not null))
        {
            Logins.Report(context, LoginProtocol.Telnet, _attemptUser, LoginResult.Unknown, _passwordSent, null);
        }

        _phase = Phase.Done;
    }

    /// <summary>Returns true when the byte is data rather than part of a Telnet command.</summary>
    private static bool Strip(ref IacState state, byte b)
    {
        switch (state)
        {
            case IacState.Data:
                if (b == Iac)
                {
                    state = IacState.Command;
                    return false;
                }

                return true;
            case IacState.Command:
                if (b == Iac)
                {
                    // IAC IAC is a literal 255.
                    state = IacState.Data;
                    return true;
                }

                state = b switch
                {
                    >= Will and <= Dont => IacState.Option,
                    Sb => IacState.Subnegotiation,
                    _ => IacState.Data,
                };
                return false;
            case IacState.Option:
                state = IacState.Data;
                return false;
            case IacState.Subnegotiation:
                if (b == Iac)
                {
                    state = IacState.SubnegotiationIac;
                }

                return false;
            default:
                state = b == Se ? IacState.Data : IacState.Subnegotiation;
                return false;
        }
    }

    private void OnClientByte(byte b)
    {
        bool endOfLine = b is (byte)'\r' or (byte)'\n';
        switch (_phase)
        {
            case Phase.TypingUser:
                if (endOfLine)
                {
                    if (_userLength > 0)
                    {
                        _attemptUser = AsciiText.ToSafeString(_user.AsSpan(0, _userLength));
                        _phase = Phase.Idle;
                    }
                }
                else if (b is 0x7F or 0x08)
                {
                    _userLength = Math.Max(0, _userLength - 1);
                }
                else if (b != 0 && _userLength < MaxUserLength)
                {
                    _user ??= new byte[MaxUserLength];
                    _user[_userLength++] = b;
                }

                break;
            case Phase.TypingPassword:
                if (endOfLine)
                {
                    _passwordSent = true;
                    _phase = Phase.AwaitingVerdict;
                    _serverLength = 0;
                }

                break;
            default:
                break;
        }
    }

    private void OnServerByte(byte b)
    {
        if (_serverLength == ServerWindowLength)
        {
            Array.Copy(_serverText, ServerWindowLength / 2, _serverText, 0, ServerWindowLength / 2);
            _serverLength = ServerWindowLength / 2;
        }

        _serverText[_serverLength++] = b == 0 ? (byte)' ' : b;
    }

    private void OnServerText(in ParserContext context)
    {
        ReadOnlySpan<byte> text = _serverText.AsSpan(0, _serverLength);
        ReadOnlySpan<byte> tail = text.TrimEnd(" \t"u8);
        if (_phase == Phase.AwaitingVerdict)
        {
            if (ContainsIgnoreCase(text, "incorrect"u8) || ContainsIgnoreCase(text, "failed"u8) || ContainsIgnoreCase(text, "denied"u8))
            {
                Verdict(context, LoginResult.Failure);
            }
            else if (ContainsIgnoreCase(text, "Last login"u8) || (!tail.IsEmpty && tail[^1] is (byte)'$' or (byte)'#' or (byte)'>' or (byte)'%'))
            {
                Verdict(context, LoginResult.Success);
                _phase = Phase.Done;
                return;
            }
        }

        if (EndsWithPrompt(tail, "login:"u8) || EndsWithPrompt(tail, "username:"u8))
        {
            if (_phase == Phase.AwaitingVerdict)
            {
                Verdict(context, LoginResult.Failure);
            }

            _phase = Phase.TypingUser;
            _userLength = 0;
            _serverLength = 0;
        }
        else if (EndsWithPrompt(tail, "password:"u8))
        {
            _phase = Phase.TypingPassword;
            _serverLength = 0;
        }
    }

    private void Verdict(in ParserContext context, LoginResult result)
    {
        if (_phase != Phase.AwaitingVerdict || _attempts >= MaxAttempts)
        {
            return;
        }

        _attempts++;
        Logins.Report(context, LoginProtocol.Telnet, _attemptUser, result, _passwordSent, null);
        _phase = Phase.Idle;
        _passwordSent = false;
        _serverLength = 0;
    }

    private static bool EndsWithPrompt(ReadOnlySpan<byte> tail, ReadOnlySpan<byte> prompt) =>
        tail.Length >= prompt.Length && AsciiText.EqualsIgnoreCase(tail[^prompt.Length..], prompt);

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> word)
    {
        for (int i = 0; i + word.Length <= text.Length; i++)
        {
            if (AsciiText.EqualsIgnoreCase(text.Slice(i, word.Length), word))
            {
                return true;
            }
        }

        return false;
    }
}
