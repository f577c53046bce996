using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Http;
using Mamori.Sensor.Protocols.Smb;

namespace Mamori.Sensor.Tests.Protocols.Smb;

public class NtlmMessageTests
{
    // The SPNEGO security blob of smbclient 4.17's SESSION_SETUP carrying the NTLMSSP
    // AUTHENTICATE for MAMORI\root from workstation VM, recorded against smbd in a network namespace.
    private static readonly byte[] s_spnegoAuthenticate = Convert.FromHexString(
        "a18201803082017ca2820164048201604e544c4d53535000030000001800180058000000c800c800700000000c000c00380100000800080044010000"
        + "040004004c010000100010005001000015820862060100000000000f9187b329976d11e635c1a5c15454771b00000000000000000000000000000000"
        + "000000000000000020a6d96ffd15ffe8f64db4f5fc69e78c0101000000000000d44929ec317add0150e0ddb8680b6146000000000200040056004d00"
        + "0100040056004d00040000000300040076006d0007000800d44929ec317add0106000400020000000800300030000000000000000000000000000000"
        + "050ea0e3be144f0d395944beff43bdc04045ff4861a041158a4a018ff9233cee0a0010000000000000000000000000000000000009001c0063006900"
        + "660073002f003100320037002e0030002e0030002e003100000000004d0041004d004f005200490072006f006f00740056004d00f955554f11dfa4fc"
        + "a26efcb1c12fd45aa31204100100000003f96998984dbda700000000");

    [Fact]
    public void TryReadAuthenticate_RecordedBlob_ReadsNames()
    {
        Assert.Equal(NtlmMessage.TypeAuthenticate, NtlmMessage.Find(s_spnegoAuthenticate, out ReadOnlySpan<byte> message));
        Assert.True(NtlmMessage.TryReadAuthenticate(message, out NtlmIdentity identity));
        Assert.Equal(new NtlmIdentity("MAMORI", "root", "VM"), identity);
    }

    [Fact]
    public void TryReadAuthenticate_EveryTruncationAndMutation_NeverThrows()
    {
        int start = s_spnegoAuthenticate.AsSpan().IndexOf(NtlmMessage.Signature);
        byte[] message = s_spnegoAuthenticate[start..];
        for (int length = 0; length < message.Length; length++)
        {
            if (NtlmMessage.TryReadAuthenticate(message.AsSpan(0, length), out NtlmIdentity identity))
            {
                Assert.Equal(new NtlmIdentity("MAMORI", "root", "VM"), identity);
            }
        }

        var random = new Random(3);
        for (int round = 0; round < 5000; round++)
        {
            byte[] copy = (byte[])message.Clone();
            copy[8 + random.Next(copy.Length - 8)] = (byte)random.Next(256);
            NtlmMessage.TryReadAuthenticate(copy, out _);
        }
    }

    [Fact]
    public void HttpParser_NegotiateWithNtlm_ReportsNtlmLoginOnlyForTheAuthenticateLeg()
    {
        byte[] negotiate = [.. NtlmMessage.Signature, 1, 0, 0, 0, 0x07, 0x82, 0x08, 0xA2, .. new byte[16]];
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new HttpParser(),
        [
            Segment.Client($"GET /intranet HTTP/1.1\r\nHost: portal\r\nAuthorization: NTLM {Convert.ToBase64String(negotiate)}\r\n\r\n"),
            Segment.Server("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: NTLM TlRMTVNTUAACAAAA\r\nContent-Length: 0\r\n\r\n"),
            Segment.Client($"GET /intranet HTTP/1.1\r\nHost: portal\r\nAuthorization: Negotiate {Convert.ToBase64String(s_spnegoAuthenticate)}\r\n\r\n"),
            Segment.Server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
        ]);
        LoginEvent login = Assert.Single(events.OfType<LoginEvent>());
        Assert.Equal((LoginProtocol.Ntlm, "root", "MAMORI", "VM", LoginResult.Success, false), (login.Protocol, login.User, login.Domain, login.Workstation, login.Result, login.PlaintextPassword));
    }
}
