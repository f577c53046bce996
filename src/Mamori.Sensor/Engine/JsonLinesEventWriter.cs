using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mamori.Sensor.Events;

namespace Mamori.Sensor.Engine;

/// <summary>
/// Writes events as JSON Lines with field names taken from Zeek's logs (ts, uid, id.orig_h,
/// id.orig_p, id.resp_h, id.resp_p, ...; https://docs.zeek.org/en/master/logs/index.html) plus a
/// <c>kind</c> field naming the log. Hand-written with <see cref="Utf8JsonWriter"/>: no reflection,
/// so it stays AOT-safe and fast.
/// </summary>
/// <remarks>
/// Lines are built in one pooled buffer and handed to the stream in blocks of
/// <see cref="BlockSize"/> bytes; the stream is flushed only by <see cref="Flush"/> and
/// <see cref="Dispose"/> (flushing per event made one write system call per line). Addresses,
/// timestamps and durations are formatted straight into UTF-8, so a line allocates nothing
/// beyond what the event already holds.
/// </remarks>
public sealed class JsonLinesEventWriter : IEventSink, IDisposable
{
    /// <summary>Bytes gathered before they are written to the stream.</summary>
    public const int BlockSize = 256 * 1024;

    private const long UnixEpochTicks = 621_355_968_000_000_000;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly PooledBufferWriter _buffer = new(BlockSize + (16 * 1024));
    private readonly Utf8JsonWriter _writer;
    private bool _disposed;
    private long _flushIntervalTicks;
    private long _lastWrite;

    /// <summary>Writes to <paramref name="stream"/>.</summary>
    public JsonLinesEventWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            // Output is a log file, not HTML: keep '+', '<', non-ASCII names readable as Zeek does.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    /// <summary>Lines written.</summary>
    public long Lines { get; private set; }

    /// <summary>
    /// When set, an event arriving this long after the last write also writes and flushes what
    /// was gathered (for a live stream such as <c>tcpdump -w - | mamori extract -</c>, where lines
    /// should not wait for a full block). Null (the default): blocks only.
    /// </summary>
    public TimeSpan? FlushInterval
    {
        get => _flushIntervalTicks == 0 ? null : TimeSpan.FromSeconds((double)_flushIntervalTicks / System.Diagnostics.Stopwatch.Frequency);
        set
        {
            if (value is { } interval)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
            }

            _flushIntervalTicks = value is { } v ? Math.Max(1, (long)(v.TotalSeconds * System.Diagnostics.Stopwatch.Frequency)) : 0;
            _lastWrite = System.Diagnostics.Stopwatch.GetTimestamp();
        }
    }

    /// <inheritdoc />
    public void OnEvent(MetadataEvent metadataEvent)
    {
        ArgumentNullException.ThrowIfNull(metadataEvent);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var w = _writer;
        w.WriteStartObject();
        var ts = metadataEvent is ConnectionEvent connection ? connection.Start : metadataEvent.Timestamp;
        WriteSeconds(w, "ts"u8, ts.UtcTicks - UnixEpochTicks);
        w.WriteString("kind"u8, metadataEvent.Kind);
        if (metadataEvent.Flow is { } flow)
        {
            w.WriteString("uid"u8, flow.Uid);
            WriteAddress(w, "id.orig_h"u8, flow.Originator.Address);
            w.WriteNumber("id.orig_p"u8, flow.Originator.Port);
            WriteAddress(w, "id.resp_h"u8, flow.Responder.Address);
            w.WriteNumber("id.resp_p"u8, flow.Responder.Port);
            switch (flow.Protocol)
            {
                case 6: w.WriteString("proto"u8, "tcp"u8); break;
                case 17: w.WriteString("proto"u8, "udp"u8); break;
                case 1 or 58: w.WriteString("proto"u8, "icmp"u8); break;
                default: w.WriteString("proto"u8, flow.Protocol.ToString(CultureInfo.InvariantCulture)); break;
            }

            w.WriteString("community_id"u8, flow.CommunityId);
            if (flow.Vlan is { } vlan)
            {
                w.WriteNumber("vlan"u8, vlan);
            }
        }

        switch (metadataEvent)
        {
            case ConnectionEvent e: WriteConnection(w, e); break;
            case DnsEvent e: WriteDns(w, e); break;
            case HttpEvent e: WriteHttp(w, e); break;
            case TlsEvent e: WriteTls(w, e); break;
            case LoginEvent e: WriteLogin(w, e); break;
            case SshEvent e: WriteSsh(w, e); break;
            case DhcpEvent e: WriteDhcp(w, e); break;
            case ArpEvent e: WriteArp(w, e); break;
            case NameEvent e: WriteName(w, e); break;
            case KerberosEvent e: WriteKerberos(w, e); break;
            case SmbFileEvent e: WriteSmbFile(w, e); break;
        }

        w.WriteEndObject();
        // Into the pooled buffer, not the stream: cheap. Reset lets the next line be a new root value.
        w.Flush();
        w.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        Lines++;
        if (_buffer.WrittenCount >= BlockSize)
        {
            WriteBlock();
        }
        else if (_flushIntervalTicks != 0 && System.Diagnostics.Stopwatch.GetTimestamp() - _lastWrite >= _flushIntervalTicks)
        {
            Flush();
        }
    }

    /// <summary>Writes the lines gathered so far to the stream and flushes it (e.g. before a pause in live input).</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteBlock();
        _stream.Flush();
    }

    private void WriteBlock()
    {
        if (_buffer.WrittenCount > 0)
        {
            _stream.Write(_buffer.WrittenSpan);
            _buffer.Clear();
        }

        if (_flushIntervalTicks != 0)
        {
            _lastWrite = System.Diagnostics.Stopwatch.GetTimestamp();
        }
    }

    private static void WriteConnection(Utf8JsonWriter w, ConnectionEvent e)
    {
        WriteSeconds(w, "duration"u8, e.Duration.Ticks);
        w.WriteNumber("orig_bytes"u8, e.OriginatorBytes);
        w.WriteNumber("resp_bytes"u8, e.ResponderBytes);
        w.WriteNumber("orig_pkts"u8, e.OriginatorPackets);
        w.WriteNumber("resp_pkts"u8, e.ResponderPackets);
        WriteOptional(w, "conn_state"u8, e.State);
        WriteOptional(w, "history"u8, e.History);
        WriteOptional(w, "service"u8, e.Service);
        w.WriteNumber("missed_bytes"u8, e.MissedBytes);
        WriteOptional(w, "end_reason"u8, e.EndReason);
    }

    private static void WriteDns(Utf8JsonWriter w, DnsEvent e)
    {
        w.WriteNumber("trans_id"u8, e.TransactionId);
        w.WriteString("query"u8, e.Query);
        w.WriteNumber("qtype"u8, e.QueryType);
        w.WriteString("qtype_name"u8, e.QueryTypeName);
        if (e.ResponseCode is { } rcode)
        {
            w.WriteNumber("rcode"u8, rcode);
        }

        WriteOptional(w, "rcode_name"u8, e.ResponseCodeName);
        w.WriteStartArray("answers"u8);
        foreach (var answer in e.Answers)
        {
            w.WriteStringValue(answer);
        }

        w.WriteEndArray();
        w.WriteStartArray("TTLs"u8);
        foreach (var ttl in e.Ttls)
        {
            w.WriteNumberValue(ttl);
        }

        w.WriteEndArray();
        w.WriteNumber("query_len"u8, e.QueryLength);
        w.WriteNumber("resp_len"u8, e.ResponseLength);
        w.WriteString("transport"u8, e.Transport);
    }

    private static void WriteHttp(Utf8JsonWriter w, HttpEvent e)
    {
        w.WriteString("method"u8, e.Method);
        WriteOptional(w, "host"u8, e.Host);
        w.WriteString("uri"u8, e.Uri);
        WriteOptional(w, "user_agent"u8, e.UserAgent);
        WriteOptional(w, "version"u8, e.Version);
        if (e.StatusCode is { } status)
        {
            w.WriteNumber("status_code"u8, status);
        }

        WriteOptional(w, "resp_mime_type"u8, e.ContentType);
        WriteOptional(w, "auth_scheme"u8, e.AuthorizationScheme);
        w.WriteNumber("request_body_len"u8, e.RequestBodyLength);
        w.WriteNumber("response_body_len"u8, e.ResponseBodyLength);
    }

    private static void WriteTls(Utf8JsonWriter w, TlsEvent e)
    {
        WriteOptional(w, "server_name"u8, e.ServerName);
        w.WriteStartArray("alpn"u8);
        foreach (var protocol in e.Alpn)
        {
            w.WriteStringValue(protocol);
        }

        w.WriteEndArray();
        WriteOptional(w, "client_version"u8, e.ClientVersion);
        WriteOptional(w, "version"u8, e.Version);
        WriteOptional(w, "cipher"u8, e.Cipher);
        WriteOptional(w, "ja3"u8, e.Ja3);
        WriteOptional(w, "ja3s"u8, e.Ja3s);
        WriteOptional(w, "ja4"u8, e.Ja4);
        WriteOptional(w, "subject"u8, e.CertificateSubject);
        WriteOptional(w, "issuer"u8, e.CertificateIssuer);
    }

    private static void WriteLogin(Utf8JsonWriter w, LoginEvent e)
    {
        w.WriteString("protocol"u8, e.Protocol.ToString());
        WriteOptional(w, "user"u8, e.User);
        WriteOptional(w, "domain"u8, e.Domain);
        WriteOptional(w, "workstation"u8, e.Workstation);
        w.WriteString("result"u8, e.Result.ToString());
        w.WriteBoolean("plaintext_password"u8, e.PlaintextPassword);
        WriteOptional(w, "status"u8, e.Status);
        WriteOptional(w, "client"u8, e.Client);
        WriteOptional(w, "server"u8, e.Server);
    }

    private static void WriteSsh(Utf8JsonWriter w, SshEvent e)
    {
        WriteOptional(w, "client"u8, e.ClientBanner);
        WriteOptional(w, "server"u8, e.ServerBanner);
        if (e.AuthSuccess is { } success)
        {
            w.WriteBoolean("auth_success"u8, success);
        }

        w.WriteNumber("auth_attempts"u8, e.AuthAttempts);
    }

    private static void WriteDhcp(Utf8JsonWriter w, DhcpEvent e)
    {
        w.WriteString("msg_type"u8, e.MessageType);
        WriteMac(w, "mac"u8, e.ClientMac);
        WriteOptional(w, "host_name"u8, e.HostName);
        WriteOptional(w, "vendor_class"u8, e.VendorClass);
        WriteOptional(w, "requested_addr"u8, e.RequestedAddress);
        WriteOptional(w, "assigned_addr"u8, e.AssignedAddress);
        if (e.LeaseTime is { } lease)
        {
            WriteSeconds(w, "lease_time"u8, lease.Ticks);
        }

        WriteOptional(w, "param_list"u8, e.ParameterRequestList);
    }

    private static void WriteArp(Utf8JsonWriter w, ArpEvent e)
    {
        w.WriteString("operation"u8, e.Operation);
        WriteMac(w, "src_mac"u8, e.SenderMac);
        WriteAddress(w, "src_addr"u8, e.SenderAddress);
        if (e.TargetMac is { } targetMac)
        {
            WriteMac(w, "dst_mac"u8, targetMac);
        }

        WriteAddress(w, "dst_addr"u8, e.TargetAddress);
    }

    private static void WriteName(Utf8JsonWriter w, NameEvent e)
    {
        w.WriteString("source"u8, e.Source);
        w.WriteString("name"u8, e.Name);
        w.WriteBoolean("announcement"u8, e.IsAnnouncement);
        WriteOptional(w, "addr"u8, e.Address);
        if (e.Mac is { } mac)
        {
            WriteMac(w, "mac"u8, mac);
        }
    }

    private static void WriteKerberos(Utf8JsonWriter w, KerberosEvent e)
    {
        w.WriteString("request_type"u8, e.MessageType);
        WriteOptional(w, "client"u8, e.Client);
        WriteOptional(w, "realm"u8, e.Realm);
        WriteOptional(w, "service"u8, e.Service);
        if (e.ErrorCode is { } code)
        {
            w.WriteNumber("error_code"u8, code);
        }
    }

    /// <summary>Zeek's smb_files.log names (action, path, name) plus the share and the server's answer.</summary>
    private static void WriteSmbFile(Utf8JsonWriter w, SmbFileEvent e)
    {
        w.WriteString("action"u8, e.Action switch
        {
            SmbFileAction.Create => "SMB::FILE_CREATE"u8,
            SmbFileAction.Write => "SMB::FILE_WRITE"u8,
            _ => "SMB::FILE_READ"u8,
        });
        w.WriteString("path"u8, e.Path);
        w.WriteString("share"u8, e.Share);
        w.WriteString("name"u8, e.Name);
        if (e.Succeeded is { } succeeded)
        {
            w.WriteBoolean("succeeded"u8, succeeded);
        }

        WriteOptional(w, "status"u8, e.Status);
    }

    private static void WriteOptional(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, ReadOnlySpan<byte> name, IPAddress? value)
    {
        if (value is not null)
        {
            WriteAddress(w, name, value);
        }
    }

    private static void WriteAddress(Utf8JsonWriter w, ReadOnlySpan<byte> name, IPAddress address)
    {
        // The longest text form: an IPv4-mapped IPv6 address with a scope id, under 70 bytes.
        Span<byte> text = stackalloc byte[96];
        if (((IUtf8SpanFormattable)address).TryFormat(text, out var length, default, CultureInfo.InvariantCulture))
        {
            w.WriteString(name, text[..length]);
        }
        else
        {
            w.WriteString(name, address.ToString());
        }
    }

    /// <summary>
    /// Ticks as seconds with up to seven decimals and no trailing zeros ("1767225601.5"): the text
    /// <c>ticks / 10_000_000m</c> has, without the decimal arithmetic.
    /// </summary>
    internal static void WriteSeconds(Utf8JsonWriter w, ReadOnlySpan<byte> name, long ticks)
    {
        w.WritePropertyName(name);
        Span<byte> text = stackalloc byte[32];
        w.WriteRawValue(text[..FormatSeconds(ticks, text)], skipInputValidation: true);
    }

    /// <summary>Formats <paramref name="ticks"/> as seconds into <paramref name="destination"/> (32 bytes); returns the length.</summary>
    internal static int FormatSeconds(long ticks, Span<byte> destination)
    {
        var length = 0;
        if (ticks < 0)
        {
            destination[length++] = (byte)'-';
        }

        // Magnitude as unsigned, so long.MinValue does not overflow.
        var magnitude = ticks < 0 ? (ulong)(-(ticks + 1)) + 1 : (ulong)ticks;
        var seconds = magnitude / TimeSpan.TicksPerSecond;
        var fraction = (uint)(magnitude % TimeSpan.TicksPerSecond);
        Utf8Formatter.TryFormat(seconds, destination[length..], out var written);
        length += written;
        if (fraction != 0)
        {
            destination[length++] = (byte)'.';
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            for (var i = digits - 1; i >= 0; i--)
            {
                destination[length + i] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            length += digits;
        }

        return length;
    }

    /// <summary>Zeek writes MACs as lower-case colon-separated hex.</summary>
    private static void WriteMac(Utf8JsonWriter w, ReadOnlySpan<byte> name, PhysicalAddress mac)
    {
        var bytes = mac.GetAddressBytes();
        Span<byte> text = stackalloc byte[Math.Max(bytes.Length * 3, 1)];
        var length = bytes.Length == 0 ? 0 : (bytes.Length * 3) - 1;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0)
            {
                text[(i * 3) - 1] = (byte)':';
            }

            text[i * 3] = "0123456789abcdef"u8[bytes[i] >> 4];
            text[(i * 3) + 1] = "0123456789abcdef"u8[bytes[i] & 0xF];
        }

        w.WriteString(name, text[..length]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _writer.Dispose();
        WriteBlock();
        _stream.Flush();
        _disposed = true;
        _buffer.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>A growable output buffer rented from the shared pool.</summary>
    private sealed class PooledBufferWriter(int initialCapacity) : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(initialCapacity);

        public int WrittenCount { get; private set; }

        public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, WrittenCount);

        public void Clear() => WrittenCount = 0;

        public void Advance(int count) => WrittenCount += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsMemory(WrittenCount);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsSpan(WrittenCount);
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }

        private void Ensure(int sizeHint)
        {
            var needed = WrittenCount + Math.Max(sizeHint, 1);
            if (needed > _array.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
                WrittenSpan.CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_array);
                _array = larger;
            }
        }
    }
}
