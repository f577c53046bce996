using Mamori.Sensor.Events;

namespace Mamori.Sensor.Inputs;

/// <summary>Input file kinds <c>mamori analyze</c> accepts.</summary>
public enum InputFormat
{
    /// <summary>Not recognised.</summary>
    Unknown,
    /// <summary>Suricata EVE JSON.</summary>
    SuricataEve,
    /// <summary>Zeek JSON logs.</summary>
    ZeekJson,
    /// <summary>Windows 4688 / Sysmon 1 JSON.</summary>
    WindowsProcess,
    /// <summary>pcap or pcapng capture (read by the capture engine).</summary>
    Capture,
}

/// <summary>
/// Opens an input file, recognises its format from the first bytes and record, and streams its
/// events. Captures are handed to a pluggable reader (<see cref="CaptureReader"/>) that the
/// capture engine provides, so pcap input is one more source of events.
/// </summary>
public static class EventFileReader
{
    /// <summary>
    /// Reads events from a pcap/pcapng stream; set by the host when the capture engine is linked in.
    /// Arguments: the stream, its name, the error list.
    /// </summary>
    public static Func<Stream, string, ICollection<InputError>, IEnumerable<MetadataEvent>>? CaptureReader { get; set; }

    /// <summary>Recognises the format of a file's head (first few KB).</summary>
    public static InputFormat Detect(ReadOnlySpan<byte> head, string? fileName = null)
    {
        if (head.Length >= 4)
        {
            var magic = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(head);
            if (magic is 0xA1B2C3D4 or 0xD4C3B2A1 or 0xA1B23C4D or 0x4D3CB2A1 or 0x0A0D0D0A)
            {
                return InputFormat.Capture;
            }
        }

        var text = System.Text.Encoding.UTF8.GetString(head);
        if (text.Contains("\"event_type\"", StringComparison.Ordinal))
        {
            return InputFormat.SuricataEve;
        }

        if (text.Contains("\"id.orig_h\"", StringComparison.Ordinal) || (text.Contains("\"ts\"", StringComparison.Ordinal) && text.Contains("\"uid\"", StringComparison.Ordinal)))
        {
            return InputFormat.ZeekJson;
        }

        if (text.Contains("4688", StringComparison.Ordinal) || text.Contains("Sysmon", StringComparison.OrdinalIgnoreCase)
            || text.Contains("\"winlog\"", StringComparison.Ordinal) || text.Contains("\"EventID\"", StringComparison.Ordinal))
        {
            return InputFormat.WindowsProcess;
        }

        var name = Path.GetFileName(fileName ?? "").ToLowerInvariant();
        return name.EndsWith(".pcap", StringComparison.Ordinal) || name.EndsWith(".pcapng", StringComparison.Ordinal)
            ? InputFormat.Capture
            : InputFormat.Unknown;
    }

    /// <summary>Streams the events of a file; problems go to <paramref name="errors"/>.</summary>
    public static IEnumerable<MetadataEvent> Read(string path, ICollection<InputError> errors, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(errors);
        var stream = File.OpenRead(path);
        var counting = new CountingStream(stream, progress);
        return ReadStream(counting, path, errors);
    }

    /// <summary>Streams the events of an open stream (it is disposed at the end).</summary>
    public static IEnumerable<MetadataEvent> ReadStream(Stream stream, string name, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using (stream)
        {
            var buffered = new BufferedStream(stream, 64 * 1024);
            var head = new byte[4096];
            var read = 0;
            int n;
            while (read < head.Length && (n = buffered.Read(head, read, head.Length - read)) > 0)
            {
                read += n;
            }

            var format = Detect(head.AsSpan(0, read), name);
            var whole = new ConcatStream(head.AsMemory(0, read), buffered);
            IEnumerable<MetadataEvent> events;
            switch (format)
            {
                case InputFormat.SuricataEve:
                    events = new SuricataEveReader().Read(new StreamReader(whole), name, errors);
                    break;
                case InputFormat.ZeekJson:
                    events = new ZeekJsonReader(name).Read(new StreamReader(whole), name, errors);
                    break;
                case InputFormat.WindowsProcess:
                    events = WindowsProcessLogReader.Read(new StreamReader(whole), name, errors);
                    break;
                case InputFormat.Capture when CaptureReader is { } capture:
                    events = capture(whole, name, errors);
                    break;
                case InputFormat.Capture:
                    errors.Add(new InputError(name, 0, "pcap/pcapng input needs the capture engine, which is not linked into this build"));
                    yield break;
                default:
                    errors.Add(new InputError(name, 1, "unrecognised input: expected Suricata EVE JSON, Zeek JSON logs, Windows 4688/Sysmon JSON or a capture"));
                    yield break;
            }

            foreach (var e in events)
            {
                yield return e;
            }
        }
    }

    /// <summary>Reports bytes read, for progress bars.</summary>
    private sealed class CountingStream(Stream inner, Action<long>? progress) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            _position += n;
            progress?.Invoke(_position);
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>The sniffed head followed by the rest of the stream.</summary>
    private sealed class ConcatStream(ReadOnlyMemory<byte> head, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _head = head;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (!_head.IsEmpty)
            {
                var n = Math.Min(count, _head.Length);
                _head.Span[..n].CopyTo(buffer.AsSpan(offset, n));
                _head = _head[n..];
                return n;
            }

            return rest.Read(buffer, offset, count);
        }
    }
}
