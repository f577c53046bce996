using System.Buffers;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Protocols.Tls;

/// <summary>
/// TLS handshake metadata (RFC 8446, RFC 5246): reassembles handshake messages across record
/// fragments, reads ClientHello, ServerHello and (up to TLS 1.2, where it is in clear) the
/// server's Certificate, then emits one <see cref="TlsEvent"/> and stops: everything after the
/// handshake is encrypted. Handshake messages are buffered up to <see cref="MaxHandshakeLength"/>
/// bytes; a longer Certificate message is read from its first bytes, which hold the leaf.
/// </summary>
internal sealed class TlsParser : IStreamParser
{
    private const int RecordHeaderLength = 5;
    private const int HandshakeHeaderLength = 4;
    private const int MaxRecordLength = 16384 + 2048;
    private const int MaxHandshakeLength = 8192;

    private const byte ContentChangeCipherSpec = 20;
    private const byte ContentAlert = 21;
    private const byte ContentHandshake = 22;
    private const byte ContentApplicationData = 23;
    private const byte ContentHeartbeat = 24;

    private const byte HandshakeClientHello = 1;
    private const byte HandshakeServerHello = 2;
    private const byte HandshakeCertificate = 11;
    private const byte HandshakeServerHelloDone = 14;

    private Side _client;
    private Side _server;
    private TlsClientHello? _clientHello;
    private TlsServerHello? _serverHello;
    private string? _subject;
    private string? _issuer;
    private bool _reported;

    /// <summary>Records or handshake messages that did not parse.</summary>
    public int Malformed { get; private set; }

    public void OnData(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> data)
    {
        bool fromClient = direction == FlowDirection.ToResponder;
        ref Side side = ref fromClient ? ref _client : ref _server;
        while (!data.IsEmpty && !side.Done && !_reported)
        {
            if (side.RecordRemaining == 0)
            {
                int take = Math.Min(RecordHeaderLength - side.HeaderFilled, data.Length);
                data[..take].CopyTo(((Span<byte>)side.RecordHeader)[side.HeaderFilled..]);
                side.HeaderFilled += take;
                data = data[take..];
                if (side.HeaderFilled < RecordHeaderLength)
                {
                    return;
                }

                side.HeaderFilled = 0;
                if (!TryStartRecord(ref side))
                {
                    Malformed++;
                    Finish(context, ref side);
                    return;
                }

                continue;
            }

            int chunk = Math.Min(side.RecordRemaining, data.Length);
            side.RecordRemaining -= chunk;
            if (side.RecordType == ContentHandshake)
            {
                FeedHandshake(context, fromClient, ref side, data[..chunk]);
            }

            data = data[chunk..];
            if (side.RecordRemaining == 0 && side.RecordType == ContentChangeCipherSpec)
            {
                // From here this side's handshake is encrypted.
                Finish(context, ref side);
            }
        }
    }

    public void OnGap(in ParserContext context, FlowDirection direction, int length)
    {
        ref Side side = ref direction == FlowDirection.ToResponder ? ref _client : ref _server;
        Finish(context, ref side);
    }

    public void OnClose(in ParserContext context)
    {
        Report(context);
        Release(ref _client);
        Release(ref _server);
    }

    private static bool TryStartRecord(ref Side side)
    {
        byte type = side.RecordHeader[0];
        int length = (side.RecordHeader[3] << 8) | side.RecordHeader[4];
        if (type is < ContentChangeCipherSpec or > ContentHeartbeat || side.RecordHeader[1] != 3 || length == 0 || length > MaxRecordLength)
        {
            return false;
        }

        side.RecordType = type;
        side.RecordRemaining = length;
        return true;
    }

    private void FeedHandshake(in ParserContext context, bool fromClient, ref Side side, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && !side.Done)
        {
            if (side.MessageFilled < HandshakeHeaderLength)
            {
                int take = Math.Min(HandshakeHeaderLength - side.MessageFilled, data.Length);
                data[..take].CopyTo(((Span<byte>)side.MessageHeader)[side.MessageFilled..]);
                side.MessageFilled += take;
                data = data[take..];
                if (side.MessageFilled < HandshakeHeaderLength)
                {
                    return;
                }

                side.MessageLength = (side.MessageHeader[1] << 16) | (side.MessageHeader[2] << 8) | side.MessageHeader[3];
                side.BodyFilled = 0;
                if (side.MessageLength == 0)
                {
                    side.MessageFilled = 0;
                    OnHandshake(context, fromClient, ref side, side.MessageHeader[0], default, truncated: false);
                }

                continue;
            }

            int wanted = side.MessageLength - side.BodyFilled;
            int take2 = Math.Min(wanted, data.Length);
            int keep = Math.Min(take2, MaxHandshakeLength - Math.Min(side.BodyFilled, MaxHandshakeLength));
            if (keep > 0)
            {
                side.Body ??= ArrayPool<byte>.Shared.Rent(MaxHandshakeLength);
                data[..keep].CopyTo(side.Body.AsSpan(side.BodyFilled));
            }

            side.BodyFilled += take2;
            data = data[take2..];
            if (side.BodyFilled == side.MessageLength)
            {
                side.MessageFilled = 0;
                int kept = Math.Min(side.MessageLength, MaxHandshakeLength);
                OnHandshake(context, fromClient, ref side, side.MessageHeader[0], side.Body.AsSpan(0, kept), truncated: kept < side.MessageLength);
            }
        }
    }

    private void OnHandshake(in ParserContext context, bool fromClient, ref Side side, byte type, ReadOnlySpan<byte> body, bool truncated)
    {
        if (fromClient)
        {
            if (type == HandshakeClientHello && _clientHello is null)
            {
                if (truncated || !TlsHelloReader.TryReadClientHello(body, out _clientHello))
                {
                    Malformed++;
                }

                // Nothing later from the client is needed.
                Finish(context, ref side);
            }

            return;
        }

        switch (type)
        {
            case HandshakeServerHello when _serverHello is null:
                if (truncated || !TlsHelloReader.TryReadServerHello(body, out _serverHello))
                {
                    Malformed++;
                    Finish(context, ref side);
                }
                else if (_serverHello!.SelectedVersion >= 0x0304)
                {
                    // TLS 1.3 encrypts the rest of the server's handshake.
                    Finish(context, ref side);
                }

                break;
            case HandshakeCertificate when _subject is null:
                ReadLeafCertificate(body);
                break;
            case HandshakeServerHelloDone:
                Finish(context, ref side);
                break;
            default:
                break;
        }
    }

    private void ReadLeafCertificate(ReadOnlySpan<byte> body)
    {
        // certificate_list<0..2^24-1>, each entry ASN.1Cert<1..2^24-1> (RFC 5246 §7.4.2).
        if (body.Length < 6)
        {
            Malformed++;
            return;
        }

        int length = (body[3] << 16) | (body[4] << 8) | body[5];
        ReadOnlySpan<byte> leaf = body[6..];
        if (length > leaf.Length || !CertificateNames.TryRead(leaf[..length], out _subject, out _issuer))
        {
            Malformed++;
        }
    }

    private void Finish(in ParserContext context, ref Side side)
    {
        side.Done = true;
        Release(ref side);
        if (_server.Done && (_client.Done || _clientHello is not null))
        {
            Report(context);
        }
    }

    private void Report(in ParserContext context)
    {
        if (_reported || (_clientHello is null && _serverHello is null))
        {
            return;
        }

        _reported = true;
        context.Sink.OnEvent(new TlsEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            ServerName = _clientHello?.ServerName,
            Alpn = _clientHello?.Alpn ?? [],
            ClientVersion = _clientHello?.ClientVersion,
            Version = _serverHello?.Version,
            Cipher = _serverHello?.Cipher,
            Ja3 = _clientHello?.Ja3,
            Ja3s = _serverHello?.Ja3s,
            Ja4 = _clientHello?.Ja4,
            CertificateSubject = _subject,
            CertificateIssuer = _issuer,
        });
        Release(ref _client);
        Release(ref _server);
    }

    private static void Release(ref Side side)
    {
        if (side.Body is not null)
        {
            ArrayPool<byte>.Shared.Return(side.Body);
            side.Body = null;
        }
    }

    private struct Side
    {
        public HeaderBytes RecordHeader;
        public HeaderBytes MessageHeader;
        public int HeaderFilled;
        public byte RecordType;
        public int RecordRemaining;
        public int MessageFilled;
        public int MessageLength;
        public int BodyFilled;
        public byte[]? Body;
        public bool Done;
    }

    [System.Runtime.CompilerServices.InlineArray(RecordHeaderLength)]
    private struct HeaderBytes
    {
        private byte _element0;
    }
}
