using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols;
using Mamori.Sensor.Protocols.Mail;

namespace Mamori.Sensor.Tests.Protocols.Mail;

public class MailParserTests
{
    // Recorded against Dovecot 2.3.19 (Debian 12) in a network namespace: clients were Python
    // 3.11 poplib/imaplib (USER/PASS, LOGIN) and curl 7.88 (SASL PLAIN, LOGIN, CRAM-MD5).
    public static TheoryData<string, string, LoginProtocol, string, LoginResult, bool> Transcripts => new()
    {
        { "pop3-user-pass", "pop3", LoginProtocol.Pop3, "bob1", LoginResult.Failure, true },
        { "pop3-sasl-login", "pop3", LoginProtocol.Pop3, "alice", LoginResult.Success, true },
        { "pop3-cram-md5", "pop3", LoginProtocol.Pop3, "bob1", LoginResult.Failure, false },
        { "imap-login", "imap", LoginProtocol.Imap, "bob1", LoginResult.Failure, true },
        { "imap-authenticate-plain", "imap", LoginProtocol.Imap, "alice", LoginResult.Success, true },
        { "smtp-auth-plain", "smtp", LoginProtocol.Smtp, "bob1", LoginResult.Failure, true },
        { "smtp-auth-login", "smtp", LoginProtocol.Smtp, "alice", LoginResult.Success, true },
    };

    private static readonly Dictionary<string, Segment[]> s_transcripts = new()
    {
        ["pop3-user-pass"] =
        [
            Segment.Server("+OK Dovecot (Debian) ready.\r\n"),
            Segment.Client("USER bob1\r\n"),
            Segment.Server("+OK\r\n"),
            Segment.Client("PASS wrong1\r\n"),
            Segment.Server("-ERR [AUTH] Authentication failed.\r\n"),
        ],
        ["pop3-sasl-login"] =
        [
            Segment.Server("+OK Dovecot (Debian) ready.\r\n"),
            Segment.Client("CAPA\r\n"),
            Segment.Server("+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nUSER\r\nSASL PLAIN LOGIN CRAM-MD5\r\n.\r\n"),
            Segment.Client("AUTH LOGIN\r\n"),
            Segment.Server("+ VXNlcm5hbWU6\r\n"),
            Segment.Client("YWxpY2U=\r\n"),
            Segment.Server("+ UGFzc3dvcmQ6\r\n"),
            Segment.Client("d29uZGVybGFuZA==\r\n"),
            Segment.Server("+OK Logged in.\r\n"),
            Segment.Client("LIST\r\n"),
            Segment.Server("+OK 0 messages:\r\n.\r\n"),
        ],
        ["pop3-cram-md5"] =
        [
            Segment.Server("+OK Dovecot (Debian) ready.\r\n"),
            Segment.Client("AUTH CRAM-MD5\r\n"),
            Segment.Server("+ PDk0MDI0NzIxOTU4MDYxNzguMTc5NTMxNDUyNkB2bT4=\r\n"),
            Segment.Client("Ym9iMSAwMTZlMjI0ZmRjYjYzYWVkOWI5Y2ZjZWQ0YTc1Y2RlZQ==\r\n"),
            Segment.Server("-ERR [AUTH] Authentication failed.\r\n"),
        ],
        ["imap-login"] =
        [
            Segment.Server("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5] Dovecot (Debian) ready.\r\n"),
            Segment.Client("GNLI0 CAPABILITY\r\n"),
            Segment.Server("* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5\r\nGNLI0 OK Pre-login capabilities listed, post-login capabilities have more.\r\n"),
            Segment.Client("GNLI1 LOGIN bob1 \"wrong1\"\r\n"),
            Segment.Server("GNLI1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"),
        ],
        ["imap-authenticate-plain"] =
        [
            Segment.Server("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5] Dovecot (Debian) ready.\r\n"),
            Segment.Client("A001 CAPABILITY\r\n"),
            Segment.Server("* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5\r\nA001 OK Pre-login capabilities listed, post-login capabilities have more.\r\n"),
            Segment.Client("A002 AUTHENTICATE PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n"),
            Segment.Server("* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY\r\nA002 OK Logged in\r\n"),
            Segment.Client("A003 LIST \"INBOX\" *\r\n"),
            Segment.Server("* LIST (\\HasNoChildren) \".\" INBOX\r\nA003 OK List completed (0.005 + 0.000 + 0.004 secs).\r\n"),
        ],
        ["smtp-auth-plain"] =
        [
            Segment.Server("220 vm Dovecot (Debian) ready.\r\n"),
            Segment.Client("EHLO null\r\n"),
            Segment.Server("250-vm\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN CRAM-MD5\r\n250-BURL imap\r\n250-CHUNKING\r\n250-ENHANCEDSTATUSCODES\r\n250-SIZE\r\n250 PIPELINING\r\n"),
            Segment.Client("AUTH PLAIN\r\n"),
            Segment.Server("334 \r\n"),
            Segment.Client("AGJvYjEAd3Jvbmcx\r\n"),
            Segment.Server("535 5.7.8 Authentication failed.\r\n"),
        ],
        ["smtp-auth-login"] =
        [
            Segment.Server("220 vm Dovecot (Debian) ready.\r\n"),
            Segment.Client("EHLO null\r\n"),
            Segment.Server("250-vm\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN CRAM-MD5\r\n250-BURL imap\r\n250-CHUNKING\r\n250-ENHANCEDSTATUSCODES\r\n250-SIZE\r\n250 PIPELINING\r\n"),
            Segment.Client("AUTH LOGIN\r\n"),
            Segment.Server("334 VXNlcm5hbWU6\r\n"),
            Segment.Client("YWxpY2U=\r\n"),
            Segment.Server("334 UGFzc3dvcmQ6\r\n"),
            Segment.Client("d29uZGVybGFuZA==\r\n"),
            Segment.Server("235 2.7.0 Logged in.\r\n"),
            Segment.Client("MAIL FROM:<alice@example.test>\r\n"),
            Segment.Server("421 4.4.0 vm Failed to connect to relay server (connect)\r\n"),
        ],
    };

    private static Func<IStreamParser> Parser(string protocol) => protocol switch
    {
        "pop3" => () => new Pop3Parser(),
        "imap" => () => new ImapParser(),
        _ => () => new SmtpParser(),
    };

    [Theory]
    [MemberData(nameof(Transcripts))]
    public void OnData_RecordedLogin_ReportsUserAndOutcomeOnly(string name, string protocol, LoginProtocol expectedProtocol, string user, LoginResult result, bool plaintext)
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(Parser(protocol), s_transcripts[name]);
        LoginEvent login = Assert.IsType<LoginEvent>(Assert.Single(events));
        Assert.Equal((expectedProtocol, user, result, plaintext), (login.Protocol, login.User, login.Result, login.PlaintextPassword));
        string text = ProtocolTestKit.Describe(login);
        Assert.DoesNotContain("wonderland", text, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong1", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Transcripts))]
    public void OnData_SplitAnywhere_SameEvents(string name, string protocol, LoginProtocol expectedProtocol, string user, LoginResult result, bool plaintext)
    {
        _ = (expectedProtocol, user, result, plaintext);
        StreamParserChecks.AssertSplitInvariant(Parser(protocol), s_transcripts[name]);
    }

    [Theory]
    [MemberData(nameof(Transcripts))]
    public void OnData_EveryTruncation_NoWrongEvents(string name, string protocol, LoginProtocol expectedProtocol, string user, LoginResult result, bool plaintext)
    {
        _ = (expectedProtocol, user, result, plaintext);
        StreamParserChecks.AssertTruncationsAreSafe(Parser(protocol), s_transcripts[name]);
        StreamParserChecks.AssertGarbageIsSafe(Parser(protocol), s_transcripts[name]);
    }

    [Fact]
    public void OnData_StartTlsAccepted_StopsParsing()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new SmtpParser(),
        [
            Segment.Client("STARTTLS\r\n"),
            Segment.Server("220 Ready to start TLS\r\n"),
            Segment.Client("AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n"),
            Segment.Server("235 ok\r\n"),
        ]);
        Assert.Empty(events);
    }

    [Fact]
    public void OnData_AuthLineInsideMessageBody_IsNotALogin()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new SmtpParser(),
        [
            Segment.Client("DATA\r\n"),
            Segment.Server("354 go ahead\r\n"),
            Segment.Client("AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\n.\r\n"),
            Segment.Server("535 no\r\n"),
        ]);
        Assert.Empty(events);
    }
}
