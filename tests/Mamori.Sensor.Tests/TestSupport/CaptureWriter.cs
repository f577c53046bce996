using System.Buffers.Binary;

namespace Mamori.Sensor.Tests.TestSupport;

/// <summary>One frame to write: time in DateTime ticks (UTC) and bytes.</summary>
public sealed record TestFrame(long Ticks, byte[] Data, int InterfaceId = 0, int OriginalLength = 0);

/// <summary>Writes pcap and pcapng files the way real writers do, in either byte order.</summary>
public static class CaptureWriter
{
    public const long Epoch = 621_355_968_000_000_000;

    /// <summary>2026-01-01T00:00:00Z plus <paramref name="microseconds"/>, in ticks.</summary>
    public static long At(long microseconds) => 639_029_664_000_000_000 + (microseconds * 10);

    public static byte[] Pcap(IEnumerable<TestFrame> frames, bool bigEndian = false, bool nanoseconds = false, ushort linkType = 1, uint snapLength = 262_144)
    {
        using var stream = new MemoryStream();
        var header = new byte[24];
        WriteUInt32(header, 0, nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4, bigEndian);
        WriteUInt16(header, 4, 2, bigEndian);
        WriteUInt16(header, 6, 4, bigEndian);
        WriteUInt32(header, 16, snapLength, bigEndian);
        WriteUInt32(header, 20, linkType, bigEndian);
        stream.Write(header);
        foreach (var frame in frames)
        {
            stream.Write(PcapRecord(frame, bigEndian, nanoseconds));
        }

        return stream.ToArray();
    }

    public static byte[] PcapRecord(TestFrame frame, bool bigEndian = false, bool nanoseconds = false)
    {
        var record = new byte[16 + frame.Data.Length];
        var sinceEpoch = frame.Ticks - Epoch;
        WriteUInt32(record, 0, (uint)(sinceEpoch / TimeSpan.TicksPerSecond), bigEndian);
        var fraction = sinceEpoch % TimeSpan.TicksPerSecond;
        WriteUInt32(record, 4, (uint)(nanoseconds ? fraction * 100 : fraction / 10), bigEndian);
        WriteUInt32(record, 8, (uint)frame.Data.Length, bigEndian);
        WriteUInt32(record, 12, (uint)(frame.OriginalLength == 0 ? frame.Data.Length : frame.OriginalLength), bigEndian);
        frame.Data.CopyTo(record, 16);
        return record;
    }

    /// <summary>A pcapng section: SHB, one IDB per link type, then an EPB per frame.</summary>
    public static byte[] Pcapng(IEnumerable<TestFrame> frames, bool bigEndian = false, ushort[]? linkTypes = null, byte[]? resolutions = null)
    {
        using var stream = new MemoryStream();
        stream.Write(SectionHeader(bigEndian));
        var types = linkTypes ?? [1];
        for (var i = 0; i < types.Length; i++)
        {
            stream.Write(InterfaceDescription(types[i], bigEndian, resolutions is null ? (byte)6 : resolutions[i]));
        }

        foreach (var frame in frames)
        {
            var resolution = resolutions is null ? (byte)6 : resolutions[frame.InterfaceId];
            stream.Write(EnhancedPacket(frame, bigEndian, resolution));
        }

        return stream.ToArray();
    }

    public static byte[] SectionHeader(bool bigEndian)
    {
        var body = new byte[16];
        WriteUInt32(body, 0, 0x1A2B3C4D, bigEndian);
        WriteUInt16(body, 4, 1, bigEndian);
        WriteUInt16(body, 6, 0, bigEndian);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(8), -1);
        return Block(0x0A0D0D0A, body, bigEndian);
    }

    public static byte[] InterfaceDescription(ushort linkType, bool bigEndian, byte resolution = 6, uint snapLength = 0)
    {
        var withResolution = resolution != 6;
        var body = new byte[8 + (withResolution ? 12 : 0)];
        WriteUInt16(body, 0, linkType, bigEndian);
        WriteUInt32(body, 4, snapLength, bigEndian);
        if (withResolution)
        {
            WriteUInt16(body, 8, 9, bigEndian);
            WriteUInt16(body, 10, 1, bigEndian);
            body[12] = resolution;
            // 3 bytes padding, then opt_endofopt (4 zero bytes).
        }

        return Block(1, body, bigEndian);
    }

    public static byte[] EnhancedPacket(TestFrame frame, bool bigEndian, byte resolution = 6)
    {
        var padded = (frame.Data.Length + 3) & ~3;
        var body = new byte[20 + padded];
        WriteUInt32(body, 0, (uint)frame.InterfaceId, bigEndian);
        var units = ToUnits(frame.Ticks - Epoch, resolution);
        WriteUInt32(body, 4, (uint)(units >> 32), bigEndian);
        WriteUInt32(body, 8, (uint)units, bigEndian);
        WriteUInt32(body, 12, (uint)frame.Data.Length, bigEndian);
        WriteUInt32(body, 16, (uint)(frame.OriginalLength == 0 ? frame.Data.Length : frame.OriginalLength), bigEndian);
        frame.Data.CopyTo(body, 20);
        return Block(6, body, bigEndian);
    }

    public static byte[] SimplePacket(byte[] data, bool bigEndian)
    {
        var body = new byte[4 + ((data.Length + 3) & ~3)];
        WriteUInt32(body, 0, (uint)data.Length, bigEndian);
        data.CopyTo(body, 4);
        return Block(3, body, bigEndian);
    }

    public static byte[] ObsoletePacket(TestFrame frame, bool bigEndian)
    {
        var body = new byte[20 + ((frame.Data.Length + 3) & ~3)];
        WriteUInt16(body, 0, (ushort)frame.InterfaceId, bigEndian);
        WriteUInt16(body, 2, 0, bigEndian);
        var units = ToUnits(frame.Ticks - Epoch, 6);
        WriteUInt32(body, 4, (uint)(units >> 32), bigEndian);
        WriteUInt32(body, 8, (uint)units, bigEndian);
        WriteUInt32(body, 12, (uint)frame.Data.Length, bigEndian);
        WriteUInt32(body, 16, (uint)frame.Data.Length, bigEndian);
        frame.Data.CopyTo(body, 20);
        return Block(2, body, bigEndian);
    }

    public static byte[] Block(uint type, byte[] body, bool bigEndian)
    {
        var block = new byte[12 + body.Length];
        WriteUInt32(block, 0, type, bigEndian);
        WriteUInt32(block, 4, (uint)block.Length, bigEndian);
        body.CopyTo(block, 8);
        WriteUInt32(block, block.Length - 4, (uint)block.Length, bigEndian);
        return block;
    }

    private static ulong ToUnits(long ticks, byte resolution)
    {
        if ((resolution & 0x80) != 0)
        {
            return (ulong)(((UInt128)(ulong)ticks << (resolution & 0x7F)) / TimeSpan.TicksPerSecond);
        }

        var exponent = resolution;
        return exponent >= 7 ? (ulong)ticks * (ulong)Math.Pow(10, exponent - 7) : (ulong)ticks / (ulong)Math.Pow(10, 7 - exponent);
    }

    private static void WriteUInt32(byte[] buffer, int offset, uint value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(offset), value);
        }
    }

    private static void WriteUInt16(byte[] buffer, int offset, ushort value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(offset), value);
        }
    }
}
