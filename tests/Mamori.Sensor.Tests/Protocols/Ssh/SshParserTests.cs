using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Ssh;

namespace Mamori.Sensor.Tests.Protocols.Ssh;

/// <summary>
/// The packet-size heuristic on a conversation shaped like OpenSSH's (real OpenSSH sessions are
/// replayed in LoginReplayTests): clear-text binary packets up to NEWKEYS, then encrypted
/// segments whose sizes alone carry the outcome.
/// </summary>
public class SshParserTests
{
    private static Segment[] Conversation(params int[] serverSizesAfterRequest)
    {
        var segments = new List<Segment>
        {
            Segment.Server("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"),
            Segment.Client("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"),
            Segment.Client([.. Packet(20, 300), .. Packet(30, 40), .. Packet(21, 0)]),
            Segment.Server([.. Packet(20, 280), .. Packet(31, 200), .. Packet(21, 0), .. new byte[52]]),
        };
        foreach (int size in serverSizesAfterRequest)
        {
            segments.Add(Segment.Client(new byte[96]));
            segments.Add(Segment.Server(new byte[size]));
        }

        return [.. segments];
    }

    /// <summary>An unencrypted binary packet (RFC 4253 §6): length, padding length, type, payload, padding.</summary>
    private static byte[] Packet(byte type, int payload)
    {
        int length = 1 + 1 + payload + 4;
        return [(byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length, 4, type, .. new byte[payload], 0, 0, 0, 0];
    }

    [Fact]
    public void OnData_FailureThenSuccess_InfersEachAttempt()
    {
        // SERVICE_ACCEPT 64, the "none" probe's FAILURE 80, a failed password 80, SUCCESS 48 (64 - 16).
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new SshParser(), Conversation(64, 80, 80, 48));
        Assert.Equal([LoginResult.Failure, LoginResult.Success], events.OfType<LoginEvent>().Select(l => l.Result));
        SshEvent ssh = Assert.Single(events.OfType<SshEvent>());
        Assert.Equal((true, 2, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"), (ssh.AuthSuccess, ssh.AuthAttempts, ssh.ServerBanner));
    }

    [Fact]
    public void OnData_OnlyFailures_ReportsFailedSession()
    {
        List<MetadataEvent> events = ProtocolTestKit.RunStream(() => new SshParser(), Conversation(64, 80, 80, 80, 80));
        Assert.Equal(3, events.OfType<LoginEvent>().Count(l => l.Result == LoginResult.Failure));
        Assert.False(Assert.Single(events.OfType<SshEvent>()).AuthSuccess);
    }

    [Fact]
    public void OnData_TruncatedOrMutated_NeverThrows()
    {
        StreamParserChecks.AssertTruncationsAreSafe(() => new SshParser(), Conversation(64, 80, 80, 48));
        StreamParserChecks.AssertGarbageIsSafe(() => new SshParser(), Conversation(64, 80, 80, 48));
    }
}
