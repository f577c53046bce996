using System.Buffers;

namespace Mamori.Sensor.Capture;

/// <summary>
/// Streams packets out of a classic pcap file (either byte order, micro- or nanosecond
/// timestamps) through one reusable buffer. A malformed record is reported with its byte offset
/// and counted; the reader then looks for the next plausible record header and carries on.
/// </summary>
public sealed class PcapReader : ICaptureSource
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;
    private const uint MaxTimestampJumpSeconds = 30 * 86_400;

    private readonly CaptureBuffer _buffer;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly PcapFileHeader _header;
    private readonly uint _maxRecordLength;
    private readonly uint _fractionLimit;
    private uint _lastSeconds;

    /// <summary>Opens a pcap stream and reads its file header.</summary>
    /// <exception cref="CaptureFormatException">The stream does not start with a pcap header.</exception>
    public PcapReader(Stream stream, bool leaveOpen = false)
        : this(new CaptureBuffer(stream, PcapLayout.MaxRecordLength + 2 * PcapLayout.RecordHeaderLength), stream, leaveOpen)
    {
    }

    internal PcapReader(CaptureBuffer buffer, Stream stream, bool leaveOpen)
    {
        _buffer = buffer;
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer.Ensure(PcapLayout.FileHeaderLength);
        var status = PcapFileHeader.TryRead(_buffer.Span, out _header);
        if (status != OperationStatus.Done)
        {
            _buffer.Dispose();
            throw new CaptureFormatException(0, status == OperationStatus.NeedMoreData
                ? $"file too short for a pcap header ({_buffer.Available} of {PcapLayout.FileHeaderLength} bytes)"
                : "not a pcap file (bad magic number)");
        }

        _buffer.Advance(PcapLayout.FileHeaderLength);
        // Some writers record a snap length smaller than what they actually wrote, so only the
        // format's own maximum bounds a record, as in Wireshark.
        _maxRecordLength = PcapLayout.MaxRecordLength;
        _fractionLimit = _header.Nanoseconds ? 1_000_000_000u : 1_000_000u;
    }

    /// <summary>The file header.</summary>
    public PcapFileHeader Header => _header;

    /// <inheritdoc />
    public CaptureStatistics Statistics { get; } = new();

    /// <inheritdoc />
    public long Position => _buffer.Position;

    /// <inheritdoc />
    public long? Length => _buffer.Length;

    /// <inheritdoc />
    public bool TryReadPacket(out RawPacket packet)
    {
        while (true)
        {
            if (!_buffer.Ensure(PcapLayout.RecordHeaderLength))
            {
                if (_buffer.Available > 0)
                {
                    Statistics.BadRecords++;
                    Statistics.Report(_buffer.Position, $"truncated record header: {_buffer.Available} of {PcapLayout.RecordHeaderLength} bytes before end of file");
                    _buffer.AdvanceAll();
                }

                packet = default;
                return false;
            }

            var offset = _buffer.Position;
            PcapRecordHeader.TryRead(_buffer.Span, _header.BigEndian, out var record);
            if (record.IncludedLength > _maxRecordLength)
            {
                Statistics.BadRecords++;
                Statistics.Report(offset, $"record length {record.IncludedLength} exceeds the maximum {_maxRecordLength}");
                Resynchronise(offset);
                continue;
            }

            if (record.OriginalLength != 0 && record.IncludedLength > record.OriginalLength)
            {
                Statistics.BadRecords++;
                Statistics.Report(offset, $"record captured length {record.IncludedLength} exceeds its original length {record.OriginalLength}");
                Resynchronise(offset);
                continue;
            }

            var total = PcapLayout.RecordHeaderLength + (int)record.IncludedLength;
            if (!_buffer.Ensure(total))
            {
                Statistics.BadRecords++;
                // Either the file is cut short or this length is corrupt: look for a later record.
                Statistics.Report(offset, $"truncated record: header says {record.IncludedLength} bytes, only {_buffer.Available - PcapLayout.RecordHeaderLength} remain");
                Resynchronise(offset);
                continue;
            }

            if (record.IncludedLength == 0)
            {
                Statistics.BadRecords++;
                Statistics.Report(offset, "zero-length record skipped");
                _buffer.Advance(total);
                continue;
            }

            _lastSeconds = record.Seconds;
            var fraction = record.Fraction % _fractionLimit;
            var ticks = UnixEpochTicks + (record.Seconds * TimeSpan.TicksPerSecond)
                + (_header.Nanoseconds ? fraction / 100 : fraction * 10L);
            var data = _buffer.Span.Slice(PcapLayout.RecordHeaderLength, (int)record.IncludedLength);
            var originalLength = record.OriginalLength == 0 ? (int)record.IncludedLength : (int)Math.Min(record.OriginalLength, int.MaxValue);
            packet = new RawPacket(ticks, _header.LinkType, originalLength, data);

            // Advancing only moves indices: the span stays valid until the next Ensure.
            _buffer.Advance(total);
            Statistics.Packets++;
            Statistics.Bytes += record.IncludedLength;
            return true;
        }
    }

    /// <summary>
    /// Skips forward byte by byte until two consecutive plausible record headers (or, once a good
    /// record fixed the timestamp range, one ending exactly at end of file).
    /// </summary>
    private void Resynchronise(long badOffset)
    {
        _buffer.Advance(1);
        long skipped = 1;
        while (true)
        {
            if (!_buffer.Ensure(PcapLayout.RecordHeaderLength))
            {
                skipped += _buffer.AdvanceAll();
                Statistics.SkippedBytes += skipped;
                Statistics.Report(badOffset, $"no further valid record: skipped {skipped} bytes to end of file");
                return;
            }

            if (IsPlausibleRecordAt(0, out var length))
            {
                var next = PcapLayout.RecordHeaderLength + (int)length;
                if (_buffer.Ensure(next + PcapLayout.RecordHeaderLength) ? IsPlausibleRecordAt(next, out _) : (_lastSeconds != 0 && _buffer.Available == next))
                {
                    break;
                }
            }

            _buffer.Advance(1);
            skipped++;
        }

        Statistics.SkippedBytes += skipped;
        Statistics.Report(badOffset, $"skipped {skipped} bytes to the next plausible record at offset {_buffer.Position}");
    }

    private bool IsPlausibleRecordAt(int at, out uint includedLength)
    {
        PcapRecordHeader.TryRead(_buffer.Span[at..], _header.BigEndian, out var record);
        includedLength = record.IncludedLength;
        if (record.IncludedLength == 0 || record.IncludedLength > _maxRecordLength
            || record.OriginalLength < record.IncludedLength || record.OriginalLength > 4 * PcapLayout.MaxRecordLength
            || record.Fraction >= _fractionLimit)
        {
            return false;
        }

        if (_lastSeconds != 0)
        {
            var jump = record.Seconds > _lastSeconds ? record.Seconds - _lastSeconds : _lastSeconds - record.Seconds;
            if (jump > MaxTimestampJumpSeconds)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _buffer.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
