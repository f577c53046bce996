using Mamori.Sensor.Events;
using Mamori.Sensor.Protocols.Common;
using Mamori.Sensor.Protocols.Smb;

namespace Mamori.Sensor.Protocols.Http;

/// <summary>
/// HTTP/1.x (RFC 9112): request and status lines and the headers the detectors use; bodies are
/// skipped by Content-Length or chunked framing without being buffered. Pipelined requests are
/// queued and paired with responses in order. Basic credentials are decoded only far enough to
/// name the user; NTLM AUTHENTICATE messages name domain, user and workstation.
/// </summary>
internal sealed class HttpParser : IStreamParser
{
    private const int MaxLineLength = 8192;
    private const int MaxPendingRequests = 16;

    private readonly Queue<HttpTransaction> _pending = new();
    private Side _request;
    private Side _response;
    private HttpTransaction? _building;
    private HttpTransaction? _answering;
    private bool _sawUnauthorized;

    private enum State : byte
    {
        StartLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Dead,
    }

    /// <summary>Messages that were not HTTP (the direction stops being parsed).</summary>
    public int Malformed { get; private set; }

    public static bool LooksLikeRequest(ReadOnlySpan<byte> data) =>
        data.StartsWith("GET "u8) || data.StartsWith("POST "u8) || data.StartsWith("HEAD "u8)
        || data.StartsWith("PUT "u8) || data.StartsWith("DELETE "u8) || data.StartsWith("OPTIONS "u8)
        || data.StartsWith("CONNECT "u8) || data.StartsWith("PATCH "u8) || data.StartsWith("TRACE "u8)
        || data.StartsWith("PROPFIND "u8);

    public void OnData(in ParserContext context, FlowDirection direction, ReadOnlySpan<byte> data)
    {
        bool isRequest = direction == FlowDirection.ToResponder;
        ref Side side = ref isRequest ? ref _request : ref _response;
        while (!data.IsEmpty && side.State != State.Dead)
        {
            switch (side.State)
            {
                case State.Body or State.ChunkData:
                    int skip = (int)Math.Min(side.Remaining, data.Length);
                    side.Remaining -= skip;
                    AddBodyBytes(isRequest, skip);
                    data = data[skip..];
                    if (side.Remaining == 0)
                    {
                        if (side.State == State.ChunkData)
                        {
                            side.State = State.ChunkDataEnd;
                        }
                        else
                        {
                            EndMessage(context, isRequest, ref side);
                        }
                    }

                    break;
                case State.UntilClose:
                    AddBodyBytes(isRequest, data.Length);
                    return;
                default:
                    if (!side.Line.TryReadLine(ref data, MaxLineLength, out ReadOnlySpan<byte> line, out bool valid))
                    {
                        return;
                    }

                    if (valid)
                    {
                        OnLine(context, isRequest, ref side, line);
                    }
                    else
                    {
                        Malformed++;
                        side.State = State.Dead;
                    }

                    side.Line.Clear();
                    break;
            }
        }
    }

    public void OnGap(in ParserContext context, FlowDirection direction, int length)
    {
        ref Side side = ref direction == FlowDirection.ToResponder ? ref _request : ref _response;
        if (side.State is State.Body or State.ChunkData && side.Remaining >= length)
        {
            // A hole inside a body loses nothing the events need.
            side.Remaining -= length;
            AddBodyBytes(direction == FlowDirection.ToResponder, length);
            return;
        }

        if (side.State == State.UntilClose)
        {
            return;
        }

        side.State = State.Dead;
    }

    public void OnClose(in ParserContext context)
    {
        if (_answering is not null)
        {
            Complete(context, _answering);
            _answering = null;
        }

        while (_pending.TryDequeue(out HttpTransaction? transaction))
        {
            Complete(context, transaction);
        }

        // A request whose headers never ended is not reported: its fields may be cut short.
        _building = null;
    }

    private void AddBodyBytes(bool isRequest, long count)
    {
        if (isRequest)
        {
            if (_building is not null)
            {
                _building.RequestBodyLength += count;
            }
        }
        else if (_answering is not null)
        {
            _answering.ResponseBodyLength += count;
        }
    }

    private void OnLine(in ParserContext context, bool isRequest, ref Side side, ReadOnlySpan<byte> line)
    {
        switch (side.State)
        {
            case State.StartLine:
                if (line.IsEmpty)
                {
                    return;
                }

                bool started = isRequest ? StartRequest(context, line) : StartResponse(line);
                if (!started)
                {
                    Malformed++;
                    side.State = State.Dead;
                    return;
                }

                side.ContentLength = -1;
                side.Chunked = false;
                side.State = State.Headers;
                return;
            case State.Headers:
                if (line.IsEmpty)
                {
                    EndHeaders(context, isRequest, ref side);
                }
                else
                {
                    OnHeader(isRequest, ref side, line);
                }

                return;
            case State.ChunkSize:
                if (!TryParseChunkSize(line, out long size))
                {
                    Malformed++;
                    side.State = State.Dead;
                }
                else if (size == 0)
                {
                    side.State = State.Trailers;
                }
                else
                {
                    side.Remaining = size;
                    side.State = State.ChunkData;
                }

                return;
            case State.ChunkDataEnd:
                side.State = line.IsEmpty ? State.ChunkSize : State.Dead;
                return;
            case State.Trailers:
                if (line.IsEmpty)
                {
                    EndMessage(context, isRequest, ref side);
                }

                return;
            default:
                return;
        }
    }

    private bool StartRequest(in ParserContext context, ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> rest = line;
        ReadOnlySpan<byte> method = AsciiText.NextToken(ref rest);
        ReadOnlySpan<byte> uri = AsciiText.NextToken(ref rest);
        ReadOnlySpan<byte> version = AsciiText.NextToken(ref rest);
        if (method.IsEmpty || uri.IsEmpty || !version.StartsWith("HTTP/"u8) || !rest.IsEmpty || !IsToken(method))
        {
            return false;
        }

        _building = new HttpTransaction
        {
            Method = AsciiText.ToSafeString(method),
            Uri = AsciiText.ToSafeString(uri),
            Version = AsciiText.ToSafeString(version[5..]),
            Timestamp = context.Timestamp,
        };
        return true;
    }

    private bool StartResponse(ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> rest = line;
        ReadOnlySpan<byte> version = AsciiText.NextToken(ref rest);
        ReadOnlySpan<byte> status = AsciiText.NextToken(ref rest);
        if (!version.StartsWith("HTTP/"u8) || status.Length != 3 || !AsciiText.TryParseInt(status, out int code) || code < 100)
        {
            return false;
        }

        if (code >= 200 || code == 101)
        {
            if (_pending.TryDequeue(out HttpTransaction? request))
            {
                _answering = request;
            }
            else
            {
                // A response without a request (capture started mid-connection).
                _answering = new HttpTransaction { Method = "-", Uri = "-", Version = AsciiText.ToSafeString(version[5..]) };
            }

            _answering.StatusCode = code;
        }

        _response.Status = code;
        return true;
    }

    private void OnHeader(bool isRequest, ref Side side, ReadOnlySpan<byte> line)
    {
        int colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            return;
        }

        ReadOnlySpan<byte> name = line[..colon];
        ReadOnlySpan<byte> value = AsciiText.Trim(line[(colon + 1)..]);
        if (AsciiText.EqualsIgnoreCase(name, "Content-Length"u8))
        {
            if (AsciiText.TryParseInt(value, out int length) && length >= 0)
            {
                side.ContentLength = length;
            }
        }
        else if (AsciiText.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
        {
            side.Chunked = value.Length >= 7 && AsciiText.EqualsIgnoreCase(AsciiText.Trim(value[^7..]), "chunked"u8);
        }
        else if (isRequest && _building is not null)
        {
            if (AsciiText.EqualsIgnoreCase(name, "Host"u8))
            {
                _building.Host = AsciiText.ToSafeString(value);
            }
            else if (AsciiText.EqualsIgnoreCase(name, "User-Agent"u8))
            {
                _building.UserAgent = AsciiText.ToSafeString(value);
            }
            else if (AsciiText.EqualsIgnoreCase(name, "Authorization"u8))
            {
                OnAuthorization(_building, value);
            }
        }
        else if (!isRequest && _answering is not null && AsciiText.EqualsIgnoreCase(name, "Content-Type"u8))
        {
            _answering.ResponseContentType = AsciiText.ToSafeString(value);
        }
    }

    private static void OnAuthorization(HttpTransaction transaction, ReadOnlySpan<byte> value)
    {
        ReadOnlySpan<byte> credentials = value;
        ReadOnlySpan<byte> scheme = AsciiText.NextToken(ref credentials);
        transaction.AuthorizationScheme = AsciiText.ToSafeString(scheme);
        if (AsciiText.EqualsIgnoreCase(scheme, "Basic"u8))
        {
            transaction.IsBasic = true;
            transaction.AuthorizationUser = BasicUser(credentials);
        }
        else if (AsciiText.EqualsIgnoreCase(scheme, "Digest"u8))
        {
            int start = credentials.IndexOf("username=\""u8);
            if (start >= 0)
            {
                ReadOnlySpan<byte> user = credentials[(start + 10)..];
                int end = user.IndexOf((byte)'"');
                transaction.AuthorizationUser = end < 0 ? null : AsciiText.ToSafeString(user[..end]);
            }
        }
        else if (AsciiText.EqualsIgnoreCase(scheme, "NTLM"u8) || AsciiText.EqualsIgnoreCase(scheme, "Negotiate"u8))
        {
            byte[] rented = System.Buffers.ArrayPool<byte>.Shared.Rent(MaxLineLength);
            ReadOnlySpan<byte> blob = AsciiText.DecodeBase64(credentials, rented);
            int type = NtlmMessage.Find(blob, out ReadOnlySpan<byte> message);
            if (type == NtlmMessage.TypeAuthenticate && NtlmMessage.TryReadAuthenticate(message, out NtlmIdentity identity))
            {
                transaction.Ntlm = identity;
            }
            else if (type is NtlmMessage.TypeNegotiate or NtlmMessage.TypeChallenge)
            {
                transaction.IsHandshakeLeg = true;
            }

            System.Buffers.ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    private static string? BasicUser(ReadOnlySpan<byte> base64)
    {
        Span<byte> buffer = stackalloc byte[768];
        ReadOnlySpan<byte> decoded = AsciiText.DecodeBase64(base64, buffer);
        int colon = decoded.IndexOf((byte)':');
        string? user = colon < 0 ? null : AsciiText.ToSafeString(decoded[..colon]);
        buffer.Clear();
        return user;
    }

    private void EndHeaders(in ParserContext context, bool isRequest, ref Side side)
    {
        if (isRequest)
        {
            if (_building is null)
            {
                side.State = State.Dead;
                return;
            }

            if (_pending.Count == MaxPendingRequests)
            {
                Complete(context, _pending.Dequeue());
            }

            _pending.Enqueue(_building);
            if (_building.Method == "CONNECT")
            {
                // What follows is a tunnel (usually TLS), not HTTP.
                side.State = State.Dead;
                _building = null;
                return;
            }

            SetBody(context, isRequest, ref side, side.Chunked ? -2 : side.ContentLength > 0 ? side.ContentLength : 0);
            return;
        }

        int status = side.Status;
        if (status is >= 100 and < 200 && status != 101)
        {
            side.State = State.StartLine;
            return;
        }

        if (status == 101 || (_answering?.Method == "CONNECT" && status is >= 200 and < 300))
        {
            // Switching protocols or an open tunnel: later bytes are not HTTP/1.x.
            EndMessage(context, isRequest, ref side);
            side.State = State.Dead;
            _request.State = State.Dead;
            return;
        }

        bool noBody = _answering?.Method == "HEAD" || status is 204 or 304;
        long body = noBody ? 0 : side.Chunked ? -2 : side.ContentLength >= 0 ? side.ContentLength : -1;
        SetBody(context, isRequest, ref side, body);
    }

    /// <summary>Length -2 means chunked, -1 means until the connection closes.</summary>
    private void SetBody(in ParserContext context, bool isRequest, ref Side side, long length)
    {
        switch (length)
        {
            case -2:
                side.State = State.ChunkSize;
                break;
            case -1:
                side.State = State.UntilClose;
                break;
            case 0:
                EndMessage(context, isRequest, ref side);
                break;
            default:
                side.Remaining = length;
                side.State = State.Body;
                break;
        }
    }

    private void EndMessage(in ParserContext context, bool isRequest, ref Side side)
    {
        side.State = State.StartLine;
        if (isRequest)
        {
            _building = null;
        }
        else if (_answering is not null)
        {
            Complete(context, _answering);
            _answering = null;
        }
    }

    private void Complete(in ParserContext context, HttpTransaction transaction)
    {
        context.Sink.OnEvent(new HttpEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            Method = transaction.Method,
            Host = transaction.Host,
            Uri = transaction.Uri,
            UserAgent = transaction.UserAgent,
            Version = transaction.Version,
            StatusCode = transaction.StatusCode,
            ContentType = transaction.ResponseContentType,
            AuthorizationScheme = transaction.AuthorizationScheme,
            RequestBodyLength = transaction.RequestBodyLength,
            ResponseBodyLength = transaction.ResponseBodyLength,
        });
        ReportLogin(context, transaction);
        if (transaction.StatusCode == 401)
        {
            _sawUnauthorized = true;
        }
    }

    private void ReportLogin(in ParserContext context, HttpTransaction transaction)
    {
        if (transaction.AuthorizationScheme is null || transaction.IsHandshakeLeg)
        {
            return;
        }

        int? status = transaction.StatusCode;
        LoginResult result = status switch
        {
            401 or 403 => LoginResult.Failure,
            >= 200 and < 400 => LoginResult.Success,
            _ => LoginResult.Unknown,
        };
        LoginProtocol protocol;
        if (transaction.IsBasic)
        {
            protocol = LoginProtocol.HttpBasic;
        }
        else if (transaction.Ntlm is not null)
        {
            protocol = LoginProtocol.Ntlm;
        }
        else if (status == 401 || (result == LoginResult.Success && _sawUnauthorized))
        {
            protocol = LoginProtocol.Http;
        }
        else
        {
            return;
        }

        context.Sink.OnEvent(new LoginEvent
        {
            Timestamp = context.Timestamp,
            Flow = context.Flow,
            Protocol = protocol,
            User = transaction.Ntlm?.User ?? transaction.AuthorizationUser,
            Domain = transaction.Ntlm?.Domain,
            Workstation = transaction.Ntlm?.Workstation,
            Result = result,
            PlaintextPassword = transaction.IsBasic,
            Status = status?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    private static bool TryParseChunkSize(ReadOnlySpan<byte> line, out long size)
    {
        size = 0;
        int end = line.IndexOfAny((byte)';', (byte)' ', (byte)'\t');
        ReadOnlySpan<byte> digits = end < 0 ? line : line[..end];
        if (digits.IsEmpty || digits.Length > 15)
        {
            return false;
        }

        foreach (byte b in digits)
        {
            int nibble = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                return false;
            }

            size = (size << 4) | (uint)nibble;
        }

        return true;
    }

    private static bool IsToken(ReadOnlySpan<byte> method)
    {
        foreach (byte b in method)
        {
            if (b is < (byte)'!' or > (byte)'~' or (byte)'(' or (byte)')' or (byte)',' or (byte)'/' or (byte)':' or (byte)';'
                or (byte)'<' or (byte)'=' or (byte)'>' or (byte)'?' or (byte)'@' or (byte)'[' or (byte)'\\' or (byte)']'
                or (byte)'{' or (byte)'}' or (byte)'"')
            {
                return false;
            }
        }

        return true;
    }

    private struct Side
    {
        public LineBuffer Line;
        public State State;
        public long Remaining;
        public long ContentLength;
        public bool Chunked;
        public int Status;
    }
}
