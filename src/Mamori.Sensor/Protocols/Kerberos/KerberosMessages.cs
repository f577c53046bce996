using System.Text;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Kerberos;

/// <summary>
/// Reads the Kerberos messages of the AS and TGS exchanges (RFC 4120 §5.4.1, §5.4.2, §5.9.1)
/// and reports them as <see cref="KerberosEvent"/>s; AS-REP and the KRB-ERRORs that reject a
/// client's credentials also become <see cref="LoginEvent"/>s. One instance per flow: an error
/// rarely names the client, so the last AS-REQ's client stands in.
/// </summary>
internal sealed class KerberosMessages
{
    private const byte AsReq = 0x6A;
    private const byte AsRep = 0x6B;
    private const byte TgsReq = 0x6C;
    private const byte TgsRep = 0x6D;
    private const byte KrbError = 0x7E;
    private const byte Sequence = 0x30;
    private const byte GeneralString = 0x1B;

    /// <summary>KDC_ERR_C_PRINCIPAL_UNKNOWN: the user does not exist.</summary>
    private const int ErrorClientUnknown = 6;

    /// <summary>KDC_ERR_CLIENT_REVOKED: the account is disabled or locked out.</summary>
    private const int ErrorClientRevoked = 18;

    /// <summary>KDC_ERR_KEY_EXPIRED: the password has expired.</summary>
    private const int ErrorKeyExpired = 23;

    /// <summary>KDC_ERR_PREAUTH_FAILED: wrong password.</summary>
    private const int ErrorPreauthFailed = 24;

    private string? _lastClient;
    private string? _lastRealm;
    private bool _lastWasAsReq;

    public int Malformed { get; private set; }

    public void OnMessage(in ParserContext context, ReadOnlySpan<byte> message)
    {
        if (!TryHandle(context, message))
        {
            Malformed++;
        }
    }

    private bool TryHandle(in ParserContext context, ReadOnlySpan<byte> message)
    {
        var outer = new DerReader(message);
        if (!outer.TryRead(out byte application, out ReadOnlySpan<byte> content))
        {
            return false;
        }

        var body = new DerReader(content);
        if (!body.TryRead(Sequence, out ReadOnlySpan<byte> fields))
        {
            return false;
        }

        switch (application)
        {
            case AsReq or TgsReq:
                return TryHandleRequest(context, application == AsReq, fields);
            case AsRep or TgsRep:
                return TryHandleReply(context, application == AsRep, fields);
            case KrbError:
                return TryHandleError(context, fields);
            default:
                return false;
        }
    }

    private bool TryHandleRequest(in ParserContext context, bool isAs, ReadOnlySpan<byte> fields)
    {
        // KDC-REQ ::= SEQUENCE { pvno [1], msg-type [2], padata [3] OPTIONAL, req-body [4] }
        if (!TryFindField(fields, 4, out ReadOnlySpan<byte> reqBodyField)
            || !new DerReader(reqBodyField).TryRead(Sequence, out ReadOnlySpan<byte> reqBody))
        {
            return false;
        }

        // KDC-REQ-BODY ::= SEQUENCE { kdc-options [0], cname [1] OPTIONAL, realm [2], sname [3] OPTIONAL, ... }
        string? client = TryFindField(reqBody, 1, out ReadOnlySpan<byte> cname) ? PrincipalName(cname) : null;
        string? realm = TryFindField(reqBody, 2, out ReadOnlySpan<byte> realmField) ? KerberosString(realmField) : null;
        string? service = TryFindField(reqBody, 3, out ReadOnlySpan<byte> sname) ? PrincipalName(sname) : null;
        _lastWasAsReq = isAs;
        if (isAs)
        {
            _lastClient = client;
            _lastRealm = realm;
        }

        Emit(context, isAs ? "AS-REQ" : "TGS-REQ", client, realm, service, null);
        return true;
    }

    private static bool TryHandleReply(in ParserContext context, bool isAs, ReadOnlySpan<byte> fields)
    {
        // KDC-REP ::= SEQUENCE { pvno [0], msg-type [1], padata [2] OPTIONAL, crealm [3], cname [4], ticket [5], enc-part [6] }
        string? realm = TryFindField(fields, 3, out ReadOnlySpan<byte> crealm) ? KerberosString(crealm) : null;
        string? client = TryFindField(fields, 4, out ReadOnlySpan<byte> cname) ? PrincipalName(cname) : null;
        Emit(context, isAs ? "AS-REP" : "TGS-REP", client, realm, null, null);
        if (isAs)
        {
            ReportLogin(context, client, realm, LoginResult.Success, null);
        }

        return true;
    }

    private bool TryHandleError(in ParserContext context, ReadOnlySpan<byte> fields)
    {
        // KRB-ERROR ::= SEQUENCE { ..., error-code [6], crealm [7] OPTIONAL, cname [8] OPTIONAL, realm [9], sname [10], ... }
        if (!TryFindField(fields, 6, out ReadOnlySpan<byte> codeField)
            || !new DerReader(codeField).TryRead(0x02, out ReadOnlySpan<byte> codeBytes)
            || !DerReader.TryReadInt32(codeBytes, out int code))
        {
            return false;
        }

        string? client = TryFindField(fields, 8, out ReadOnlySpan<byte> cname) ? PrincipalName(cname) : null;
        string? realm = TryFindField(fields, 7, out ReadOnlySpan<byte> crealm) ? KerberosString(crealm)
            : TryFindField(fields, 9, out ReadOnlySpan<byte> srealm) ? KerberosString(srealm) : null;
        string? service = TryFindField(fields, 10, out ReadOnlySpan<byte> sname) ? PrincipalName(sname) : null;
        Emit(context, "KRB-ERROR", client ?? (_lastWasAsReq ? _lastClient : null), realm, service, code);
        if (_lastWasAsReq && code is ErrorPreauthFailed or ErrorClientUnknown or ErrorClientRevoked or ErrorKeyExpired)
        {
            ReportLogin(context, client ?? _lastClient, realm ?? _lastRealm, LoginResult.Failure, code);
        }

        return true;
    }

    private static void Emit(in ParserContext context, string type, string? client, string? realm, string? service, int? error)
    {
        context.Sink.OnEvent(new KerberosEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            MessageType = type,
            Client = client,
            Realm = realm,
            Service = service,
            ErrorCode = error,
        });
    }

    private static void ReportLogin(in ParserContext context, string? client, string? realm, LoginResult result, int? code)
    {
        context.Sink.OnEvent(new LoginEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            Protocol = LoginProtocol.Kerberos,
            User = client,
            Domain = realm,
            Result = result,
            Status = code?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Finds the context-tagged field [n] of a SEQUENCE's content.</summary>
    private static bool TryFindField(ReadOnlySpan<byte> fields, int number, out ReadOnlySpan<byte> content)
    {
        var reader = new DerReader(fields);
        while (reader.TryRead(out byte tag, out content))
        {
            if (tag == (byte)(0xA0 | number))
            {
                return true;
            }
        }

        content = default;
        return false;
    }

    private static string? KerberosString(ReadOnlySpan<byte> field) =>
        new DerReader(field).TryRead(GeneralString, out ReadOnlySpan<byte> text) ? AsciiText.ToSafeString(text) : null;

    /// <summary>PrincipalName ::= SEQUENCE { name-type [0], name-string [1] SEQUENCE OF KerberosString }, joined by "/".</summary>
    private static string? PrincipalName(ReadOnlySpan<byte> field)
    {
        if (!new DerReader(field).TryRead(Sequence, out ReadOnlySpan<byte> principal)
            || !TryFindField(principal, 1, out ReadOnlySpan<byte> namesField)
            || !new DerReader(namesField).TryRead(Sequence, out ReadOnlySpan<byte> names))
        {
            return null;
        }

        var text = new StringBuilder();
        var reader = new DerReader(names);
        while (reader.TryRead(GeneralString, out ReadOnlySpan<byte> part))
        {
            if (text.Length > 0)
            {
                text.Append('/');
            }

            text.Append(AsciiText.ToSafeString(part));
        }

        return text.Length == 0 ? null : text.ToString();
    }
}
