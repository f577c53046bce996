using System.Buffers.Binary;
using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;

namespace Mamori.Sensor.Protocols.Ssh;

/// <summary>
/// SSH-2 (RFC 4253): the banners of both sides, then the clear-text binary packets of the key
/// exchange up to SSH_MSG_NEWKEYS. After that everything is encrypted, and the outcome of user
/// authentication is inferred from the sizes of the server's packets as Zeek's SSH analyzer
/// does (https://docs.zeek.org/en/master/scripts/base/protocols/ssh/main.zeek.html): the first
/// server packet answering the client is SERVICE_ACCEPT; a USERAUTH_FAILURE has a size that
/// repeats with every failed attempt; USERAUTH_SUCCESS is 16 bytes smaller than
/// SERVICE_ACCEPT (or, with other ciphers, smaller than a failure). Any other answer after a
/// failure counts as a success only when the client goes on talking: a server that gives up
/// after too many failures sends a (longer) DISCONNECT and the client stops.
/// One <see cref="LoginEvent"/> per inferred attempt, one <see cref="SshEvent"/> at the end.
/// </summary>
internal sealed class SshParser : IStreamParser
{
    private const int MaxBannerLength = 255;
    private const int PacketPrefixLength = 6;
    private const byte MessageNewKeys = 21;
    private const int MaxPacketLength = 256 * 1024;
    private const int MaxBannerLines = 32;
    private const int SuccessSizeDifference = 16;

    private Side _client;
    private Side _server;
    private string? _clientBanner;
    private string? _serverBanner;
    private int _clientEncryptedSegments;
    private int _serviceAcceptSize;
    private int _failureSize;
    private int _attempts;
    private bool? _success;
    private bool _successPending;
    private bool _reported;

    private enum Stage : byte
    {
        Banner,
        Packets,
        Encrypted,
        Lost,
    }

    public void OnData(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> data)
    {
        bool fromClient = direction == FlowDirection.ToResponder;
        ref Side side = ref fromClient ? ref _client : ref _server;
        if (side.Stage == Stage.Encrypted)
        {
            OnEncryptedSegment(context, fromClient, data.Length);
            return;
        }

        while (!data.IsEmpty && side.Stage is Stage.Banner or Stage.Packets)
        {
            if (side.Stage == Stage.Banner)
            {
                ReadBannerLine(fromClient, ref side, ref data);
            }
            else
            {
                ReadPacket(ref side, ref data);
            }
        }
    }

    public void OnGap(in ParserContext context, FlowDirection direction, int length)
    {
        ref Side side = ref direction == FlowDirection.ToResponder ? ref _client : ref _server;
        if (side.Stage != Stage.Encrypted)
        {
            side.Stage = Stage.Lost;
        }
        else
        {
            // Sizes after a hole cannot be trusted.
            _client.Stage = Stage.Lost;
            _server.Stage = Stage.Lost;
        }
    }

    public void OnClose(in ParserContext context)
    {
        if (_reported || (_clientBanner is null && _serverBanner is null))
        {
            return;
        }

        _reported = true;
        context.Sink.OnEvent(new SshEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            ClientBanner = _clientBanner,
            ServerBanner = _serverBanner,
            AuthSuccess = _success,
            AuthAttempts = _attempts,
        });
    }

    private void ReadBannerLine(bool fromClient, ref Side side, ref ReadOnlySpan<byte> data)
    {
        if (!side.Line.TryReadLine(ref data, MaxBannerLength, out ReadOnlySpan<byte> line, out bool valid))
        {
            return;
        }

        if (valid && line.StartsWith("SSH-"u8))
        {
            string banner = AsciiText.ToSafeString(line);
            if (fromClient)
            {
                _clientBanner = banner;
            }
            else
            {
                _serverBanner = banner;
            }

            side.Stage = line.StartsWith("SSH-2.0-"u8) || line.StartsWith("SSH-1.99-"u8) ? Stage.Packets : Stage.Lost;
        }
        else if (++side.BannerLines > MaxBannerLines)
        {
            side.Stage = Stage.Lost;
        }

        side.Line.Clear();
    }

    private static void ReadPacket(ref Side side, ref ReadOnlySpan<byte> data)
    {
        if (side.SkipRemaining > 0)
        {
            int skip = Math.Min(side.SkipRemaining, data.Length);
            side.SkipRemaining -= skip;
            data = data[skip..];
            if (side.SkipRemaining == 0 && side.PendingNewKeys)
            {
                side.Stage = Stage.Encrypted;
            }

            return;
        }

        int take = Math.Min(PacketPrefixLength - side.PrefixFilled, data.Length);
        data[..take].CopyTo(((Span<byte>)side.Prefix)[side.PrefixFilled..]);
        side.PrefixFilled += take;
        data = data[take..];
        if (side.PrefixFilled < PacketPrefixLength)
        {
            return;
        }

        side.PrefixFilled = 0;
        int packetLength = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(side.Prefix), int.MaxValue);
        if (packetLength < 2 || packetLength > MaxPacketLength)
        {
            side.Stage = Stage.Lost;
            return;
        }

        // Before NEWKEYS there is no MAC: the packet is length(4) + packet_length bytes.
        side.SkipRemaining = packetLength + 4 - PacketPrefixLength;
        side.PendingNewKeys = side.Prefix[5] == MessageNewKeys;
        if (side.SkipRemaining == 0 && side.PendingNewKeys)
        {
            side.Stage = Stage.Encrypted;
        }
    }

    private void OnEncryptedSegment(in ParserContext context, bool fromClient, int length)
    {
        if (fromClient)
        {
            _clientEncryptedSegments++;
            if (_successPending)
            {
                // The client opens a channel after the server's answer: that answer was USERAUTH_SUCCESS.
                _successPending = false;
                ReportSuccess(context);
            }

            return;
        }

        // Server data before the client's first encrypted packet (SERVICE_REQUEST) is
        // EXT_INFO (RFC 8308), not an answer.
        if (_clientEncryptedSegments == 0 || _success == true || length == 0)
        {
            return;
        }

        if (_serviceAcceptSize == 0)
        {
            _serviceAcceptSize = length;
            return;
        }

        if (_failureSize == 0 && length + SuccessSizeDifference != _serviceAcceptSize)
        {
            // The answer to the "none" method probe lists the methods the server accepts.
            _failureSize = length;
            return;
        }

        if (length == _failureSize)
        {
            _successPending = false;
            _attempts++;
            _success = false;
            Logins.Report(context, LoginProtocol.Ssh, null, LoginResult.Failure, plaintextPassword: false, status: null);
            return;
        }

        if (length + SuccessSizeDifference == _serviceAcceptSize || (_failureSize != 0 && length < _failureSize))
        {
            ReportSuccess(context);
        }
        else if (_failureSize != 0)
        {
            // Larger than a failure: USERAUTH_SUCCESS sharing a segment with what follows it, or a
            // DISCONNECT ("too many authentication failures"). Decided by the client's next move.
            _successPending = true;
        }
    }

    private void ReportSuccess(in ParserContext context)
    {
        _attempts++;
        _success = true;
        context.Sink.OnEvent(new LoginEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            Protocol = LoginProtocol.Ssh,
            Result = LoginResult.Success,
            Client = _clientBanner,
            Server = _serverBanner,
        });
    }

    private struct Side
    {
        public LineBuffer Line;
        public Stage Stage;
        public int BannerLines;
        public PrefixBytes Prefix;
        public int PrefixFilled;
        public int SkipRemaining;
        public bool PendingNewKeys;
    }

    [System.Runtime.CompilerServices.InlineArray(PacketPrefixLength)]
    private struct PrefixBytes
    {
        private byte _element0;
    }
}
