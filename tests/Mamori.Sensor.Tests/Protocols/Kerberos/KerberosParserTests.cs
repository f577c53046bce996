using System.Formats.Asn1;
using System.Text;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Kerberos;

namespace Mamori.Sensor.Tests.Protocols.Kerberos;

/// <summary>
/// Kerberos messages encoded here with the BCL's AsnWriter from the RFC 4120 §5 ASN.1 (an
/// encoder independent of the parser's reader); no KDC ships in the test image.
/// </summary>
public class KerberosParserTests
{
    private const string Realm = "EXAMPLE.TEST";

    [Fact]
    public void OnDatagram_PreauthFailedThenAsRep_ReportsFailureAndSuccess()
    {
        List<MetadataEvent> events = DatagramChecks.Run(() => new KerberosDatagramParser(), 88,
            (FlowDirection.ToResponder, AsReq("alice")),
            (FlowDirection.ToOriginator, KrbError(25, client: null)),
            (FlowDirection.ToResponder, AsReq("alice")),
            (FlowDirection.ToOriginator, KrbError(24, client: null)),
            (FlowDirection.ToResponder, AsReq("alice")),
            (FlowDirection.ToOriginator, AsRep("alice")));

        Assert.Equal(["AS-REQ", "KRB-ERROR", "AS-REQ", "KRB-ERROR", "AS-REQ", "AS-REP"], events.OfType<KerberosEvent>().Select(e => e.MessageType));
        KerberosEvent request = events.OfType<KerberosEvent>().First();
        Assert.Equal(("alice", Realm, "krbtgt/EXAMPLE.TEST"), (request.Client, request.Realm, request.Service));
        Assert.Equal([25, 24], events.OfType<KerberosEvent>().Where(e => e.ErrorCode is not null).Select(e => e.ErrorCode!.Value));

        // Pre-authentication required (25) is a normal step, not a failed login.
        LoginEvent[] logins = [.. events.OfType<LoginEvent>()];
        Assert.Equal([(LoginResult.Failure, "24"), (LoginResult.Success, (string?)null)], logins.Select(l => (l.Result, l.Status)));
        Assert.All(logins, l => Assert.Equal(("alice", Realm, LoginProtocol.Kerberos), (l.User, l.Domain, l.Protocol)));
    }

    [Fact]
    public void OnData_TcpFramedSplitAnywhere_SameEvents()
    {
        Segment[] segments = [Segment.Client(Framed(AsReq("bob"))), Segment.Server(Framed(KrbError(6, client: "bob")))];
        List<MetadataEvent> events = StreamParserChecks.AssertSplitInvariant(() => new KerberosStreamParser(), segments);
        LoginEvent login = Assert.Single(events.OfType<LoginEvent>());
        Assert.Equal(("bob", LoginResult.Failure, "6"), (login.User, login.Result, login.Status));
        StreamParserChecks.AssertTruncationsAreSafe(() => new KerberosStreamParser(), segments);
        StreamParserChecks.AssertGarbageIsSafe(() => new KerberosStreamParser(), segments);
    }

    [Fact]
    public void OnDatagram_TruncatedOrMutated_NeverThrowsOrInvents() =>
        DatagramChecks.AssertTruncationsAndMutationsAreSafe(() => new KerberosDatagramParser(), 88,
            (FlowDirection.ToResponder, AsReq("alice")), (FlowDirection.ToOriginator, KrbError(24, client: null)), (FlowDirection.ToOriginator, AsRep("alice")));

    private static byte[] Framed(byte[] message) => [0, 0, (byte)(message.Length >> 8), (byte)message.Length, .. message];

    private static byte[] AsReq(string user)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(Application(10)))
        using (writer.PushSequence())
        {
            Field(writer, 1, w => w.WriteInteger(5));
            Field(writer, 2, w => w.WriteInteger(10));
            Field(writer, 4, body =>
            {
                using (body.PushSequence())
                {
                    Field(body, 0, w => w.WriteBitString([0x40, 0x81, 0x00, 0x10]));
                    Field(body, 1, w => Principal(w, 1, user));
                    Field(body, 2, w => GeneralString(w, Realm));
                    Field(body, 3, w => Principal(w, 2, "krbtgt", Realm));
                    Field(body, 5, w => w.WriteGeneralizedTime(new DateTimeOffset(2037, 9, 13, 2, 48, 5, TimeSpan.Zero)));
                    Field(body, 7, w => w.WriteInteger(12345));
                    Field(body, 8, w =>
                    {
                        using (w.PushSequence())
                        {
                            w.WriteInteger(18);
                            w.WriteInteger(17);
                        }
                    });
                }
            });
        }

        return writer.Encode();
    }

    private static byte[] AsRep(string user)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(Application(11)))
        using (writer.PushSequence())
        {
            Field(writer, 0, w => w.WriteInteger(5));
            Field(writer, 1, w => w.WriteInteger(11));
            Field(writer, 3, w => GeneralString(w, Realm));
            Field(writer, 4, w => Principal(w, 1, user));
            Field(writer, 5, w =>
            {
                using (w.PushSequence(Application(1)))
                using (w.PushSequence())
                {
                    Field(w, 0, t => t.WriteInteger(5));
                    Field(w, 1, t => GeneralString(t, Realm));
                    Field(w, 2, t => Principal(t, 2, "krbtgt", Realm));
                    Field(w, 3, EncryptedData);
                }
            });
            Field(writer, 6, EncryptedData);
        }

        return writer.Encode();
    }

    private static byte[] KrbError(int code, string? client)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(Application(30)))
        using (writer.PushSequence())
        {
            Field(writer, 0, w => w.WriteInteger(5));
            Field(writer, 1, w => w.WriteInteger(30));
            Field(writer, 4, w => w.WriteGeneralizedTime(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero)));
            Field(writer, 5, w => w.WriteInteger(0));
            Field(writer, 6, w => w.WriteInteger(code));
            if (client is not null)
            {
                Field(writer, 8, w => Principal(w, 1, client));
            }

            Field(writer, 9, w => GeneralString(w, Realm));
            Field(writer, 10, w => Principal(w, 2, "krbtgt", Realm));
        }

        return writer.Encode();
    }

    private static void EncryptedData(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            Field(writer, 0, w => w.WriteInteger(18));
            Field(writer, 2, w => w.WriteOctetString(new byte[32]));
        }
    }

    private static void Principal(AsnWriter writer, int type, params string[] names)
    {
        using (writer.PushSequence())
        {
            Field(writer, 0, w => w.WriteInteger(type));
            Field(writer, 1, w =>
            {
                using (w.PushSequence())
                {
                    foreach (string name in names)
                    {
                        GeneralString(w, name);
                    }
                }
            });
        }
    }

    // AsnWriter has no GeneralString writer; KerberosString is a GeneralString of IA5 characters.
    private static void GeneralString(AsnWriter writer, string text) =>
        writer.WriteEncodedValue([0x1B, (byte)text.Length, .. Encoding.ASCII.GetBytes(text)]);

    private static void Field(AsnWriter writer, int number, Action<AsnWriter> write)
    {
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, number, isConstructed: true)))
        {
            write(writer);
        }
    }

    private static Asn1Tag Application(int number) => new(TagClass.Application, number, isConstructed: true);
}
