using System.Buffers.Binary;

namespace Mamori.Sensor.Capture;

/// <summary>Opens a capture stream, telling pcap from pcapng by its first four bytes.</summary>
public static class CaptureReader
{
    /// <summary>Opens <paramref name="stream"/> as pcap or pcapng.</summary>
    /// <exception cref="CaptureFormatException">The stream is neither.</exception>
    public static ICaptureSource Open(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new CaptureBuffer(stream, PcapngLayout.MaxBlockLength + 64);
        if (!buffer.Ensure(4))
        {
            buffer.Dispose();
            throw new CaptureFormatException(0, $"file too short to be a capture ({buffer.Available} bytes)");
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(buffer.Span);
        switch (magic)
        {
            case PcapngLayout.SectionHeaderBlock:
                return new PcapngReader(buffer, stream, leaveOpen);
            case PcapLayout.MagicMicroseconds or PcapLayout.MagicNanoseconds
                or PcapLayout.MagicMicrosecondsSwapped or PcapLayout.MagicNanosecondsSwapped:
                return new PcapReader(buffer, stream, leaveOpen);
            default:
                buffer.Dispose();
                throw new CaptureFormatException(0, $"not a pcap or pcapng file (magic 0x{magic:X8})");
        }
    }

    /// <summary>Opens a capture file.</summary>
    public static ICaptureSource Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        try
        {
            return Open(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
