using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Mail;

/// <summary>
/// Follows the client side of a SASL exchange (RFC 4422) as POP3 AUTH, IMAP AUTHENTICATE and
/// SMTP AUTH carry it: PLAIN (RFC 4616) and LOGIN reveal the user name and send the password in
/// clear (base64 is not encryption); CRAM-MD5 names the user but sends no password. Responses
/// are decoded only far enough to take the user name.
/// </summary>
internal struct SaslExchange
{
    private Step _step;

    private enum Step : byte
    {
        None,
        PlainResponse,
        LoginUser,
        LoginPassword,
        CramResponse,
        Other,
        Done,
    }

    public string? User { get; private set; }

    public bool PlaintextPassword { get; private set; }

    /// <summary>True from the AUTH command until the client's last response.</summary>
    public readonly bool IsCollecting => _step is Step.PlainResponse or Step.LoginUser or Step.LoginPassword or Step.CramResponse or Step.Other;

    /// <summary>True once an exchange started; the server's verdict is then awaited.</summary>
    public readonly bool IsActive => _step != Step.None;

    /// <summary>Begins an exchange from the mechanism and the optional initial response.</summary>
    public void Start(ReadOnlySpan<byte> mechanism, ReadOnlySpan<byte> initialResponse)
    {
        User = null;
        PlaintextPassword = false;
        bool hasInitial = !initialResponse.IsEmpty && !initialResponse.SequenceEqual("="u8);
        if (AsciiText.EqualsIgnoreCase(mechanism, "PLAIN"u8))
        {
            _step = Step.PlainResponse;
            if (hasInitial)
            {
                OnClientLine(initialResponse);
            }
        }
        else if (AsciiText.EqualsIgnoreCase(mechanism, "LOGIN"u8))
        {
            _step = Step.LoginUser;
            if (hasInitial)
            {
                OnClientLine(initialResponse);
            }
        }
        else if (AsciiText.EqualsIgnoreCase(mechanism, "CRAM-MD5"u8))
        {
            _step = Step.CramResponse;
        }
        else
        {
            _step = Step.Other;
        }
    }

    /// <summary>Takes one client response line of the exchange.</summary>
    public void OnClientLine(ReadOnlySpan<byte> line)
    {
        if (line.SequenceEqual("*"u8))
        {
            // The client cancelled the exchange (RFC 4954 §4).
            _step = Step.None;
            return;
        }

        switch (_step)
        {
            case Step.PlainResponse:
                User = AsciiText.SaslPlainUser(line);
                PlaintextPassword = true;
                _step = Step.Done;
                break;
            case Step.LoginUser:
                User = AsciiText.Base64Text(line);
                _step = Step.LoginPassword;
                break;
            case Step.LoginPassword:
                PlaintextPassword = true;
                _step = Step.Done;
                break;
            case Step.CramResponse:
                string? response = AsciiText.Base64Text(line);
                int space = response?.LastIndexOf(' ') ?? -1;
                User = space > 0 ? response![..space] : null;
                _step = Step.Done;
                break;
            case Step.Other:
                // Mechanisms such as GSSAPI or SCRAM go on for several rounds; the verdict ends them.
                break;
            default:
                break;
        }
    }

    public void Reset() => _step = Step.None;
}
