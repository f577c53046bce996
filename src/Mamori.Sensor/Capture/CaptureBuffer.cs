using System.Buffers;

namespace Mamori.Sensor.Capture;

/// <summary>
/// A reusable read buffer over a stream of any size: readers ask for "at least N bytes from the
/// current position", look at them as a span, then advance. It grows only up to a fixed maximum
/// (the largest record a reader accepts), so memory is bounded whatever the capture size.
/// </summary>
internal sealed class CaptureBuffer : IDisposable
{
    private const int DefaultSize = 1 << 20;

    private readonly Stream _stream;
    private readonly int _maxSize;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfStream;

    public CaptureBuffer(Stream stream, int maxSize)
    {
        _stream = stream;
        _maxSize = Math.Max(maxSize, 64);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(DefaultSize, _maxSize));
    }

    /// <summary>Absolute stream offset of the first unread byte.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>Bytes buffered and not yet consumed.</summary>
    public int Available => _end - _start;

    /// <summary>The buffered, unconsumed bytes.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, _end - _start);

    /// <summary>True when the stream is exhausted and every buffered byte is consumed.</summary>
    public bool IsAtEnd => _endOfStream && _start == _end;

    /// <summary>The stream's length when it can tell, for progress reporting.</summary>
    public long? Length => _stream.CanSeek ? _stream.Length : null;

    /// <summary>
    /// Makes at least <paramref name="count"/> bytes available. Returns false if the stream ends
    /// first or <paramref name="count"/> exceeds the maximum buffer size.
    /// </summary>
    public bool Ensure(int count)
    {
        if (count <= Available)
        {
            return true;
        }

        if (count > _maxSize)
        {
            return false;
        }

        while (Available < count && !_endOfStream)
        {
            Fill(count);
        }

        return Available >= count;
    }

    /// <summary>Consumes <paramref name="count"/> bytes (which must be available).</summary>
    public void Advance(int count)
    {
        _start += count;
        if (_start == _end)
        {
            _bufferOffset += _start;
            _start = 0;
            _end = 0;
        }
    }

    /// <summary>Consumes everything buffered and reports how much that was.</summary>
    public int AdvanceAll()
    {
        var count = Available;
        Advance(count);
        return count;
    }

    private void Fill(int count)
    {
        if (_buffer.Length - _start < count)
        {
            if (_buffer.Length < count)
            {
                var size = Math.Min(Math.Max(_buffer.Length * 2, count), _maxSize);
                var bigger = ArrayPool<byte>.Shared.Rent(size);
                Buffer.BlockCopy(_buffer, _start, bigger, 0, Available);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
            else
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, Available);
            }

            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }
        else if (_start > 0 && _buffer.Length - _end < _buffer.Length / 4)
        {
            // Keep reads large: slide the tail to the front before a refill.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, Available);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read <= 0)
        {
            _endOfStream = true;
            return;
        }

        _end += read;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
