using System.Buffers.Binary;

namespace Mamori.Sensor.Capture;

/// <summary>
/// Streams packets out of a pcapng file: any number of sections (each with its own byte order)
/// and interfaces (each with its own link type and timestamp resolution), Enhanced, Simple and
/// obsolete Packet Blocks; every other block type is skipped. A malformed block is reported with
/// its byte offset and counted; the reader then scans for the next well-formed block.
/// </summary>
public sealed class PcapngReader : ICaptureSource
{
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    private readonly CaptureBuffer _buffer;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly List<InterfaceDescription> _interfaces = [];
    private bool _bigEndian;
    private bool _inSection;

    /// <summary>Opens a pcapng stream.</summary>
    /// <exception cref="CaptureFormatException">The stream does not start with a Section Header Block.</exception>
    public PcapngReader(Stream stream, bool leaveOpen = false)
        : this(new CaptureBuffer(stream, PcapngLayout.MaxBlockLength + 64), stream, leaveOpen)
    {
    }

    internal PcapngReader(CaptureBuffer buffer, Stream stream, bool leaveOpen)
    {
        _buffer = buffer;
        _stream = stream;
        _leaveOpen = leaveOpen;
        if (!_buffer.Ensure(PcapngLayout.ShbMinLength)
            || BinaryPrimitives.ReadUInt32LittleEndian(_buffer.Span) != PcapngLayout.SectionHeaderBlock)
        {
            _buffer.Dispose();
            throw new CaptureFormatException(0, "not a pcapng file (no Section Header Block)");
        }
    }

    /// <inheritdoc />
    public CaptureStatistics Statistics { get; } = new();

    /// <inheritdoc />
    public long Position => _buffer.Position;

    /// <inheritdoc />
    public long? Length => _buffer.Length;

    /// <summary>Interfaces described in the current section.</summary>
    public int InterfaceCount => _interfaces.Count;

    /// <inheritdoc />
    public bool TryReadPacket(out RawPacket packet)
    {
        while (true)
        {
            if (!_buffer.Ensure(PcapngLayout.MinBlockLength))
            {
                if (_buffer.Available > 0)
                {
                    Statistics.BadRecords++;
                    Statistics.Report(_buffer.Position, $"truncated block header: {_buffer.Available} bytes before end of file");
                    _buffer.AdvanceAll();
                }

                packet = default;
                return false;
            }

            var offset = _buffer.Position;
            var span = _buffer.Span;
            var type = BinaryPrimitives.ReadUInt32LittleEndian(span);
            if (type == PcapngLayout.SectionHeaderBlock)
            {
                TryReadSectionHeader(offset);
                continue;
            }

            if (!_inSection)
            {
                Statistics.BadRecords++;
                Statistics.Report(offset, "block outside any section");
                Resynchronise(offset);
                continue;
            }

            type = ReadUInt32(span);
            var length = ReadUInt32(span[PcapngLayout.TotalLengthOffset..]);
            if (length < PcapngLayout.MinBlockLength || length % 4 != 0 || length > PcapngLayout.MaxBlockLength)
            {
                Statistics.BadRecords++;
                Statistics.Report(offset, $"block type 0x{type:X8} has invalid length {length}");
                Resynchronise(offset);
                continue;
            }

            if (!_buffer.Ensure((int)length))
            {
                Statistics.BadRecords++;
                // Either the file is cut short or this length is corrupt: look for a later block.
                Statistics.Report(offset, $"truncated block: type 0x{type:X8} says {length} bytes, only {_buffer.Available} remain");
                Resynchronise(offset);
                continue;
            }

            span = _buffer.Span[..(int)length];
            if (ReadUInt32(span[^PcapngLayout.BlockTrailerLength..]) != length)
            {
                Statistics.BadRecords++;
                Statistics.Report(offset, $"block type 0x{type:X8}: trailing length does not match leading length {length}");
                Resynchronise(offset);
                continue;
            }

            var delivered = type switch
            {
                PcapngLayout.EnhancedPacketBlock => TryEnhancedPacket(span, offset, out packet),
                PcapngLayout.SimplePacketBlock => TrySimplePacket(span, offset, out packet),
                PcapngLayout.ObsoletePacketBlock => TryObsoletePacket(span, offset, out packet),
                _ => HandleOtherBlock(type, span, offset, out packet),
            };

            _buffer.Advance((int)length);
            if (delivered)
            {
                Statistics.Packets++;
                Statistics.Bytes += packet.Data.Length;
                return true;
            }
        }
    }

    private bool TryReadSectionHeader(long offset)
    {
        var span = _buffer.Span;
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(span[PcapngLayout.ShbByteOrderOffset..]);
        bool bigEndian;
        if (magic == PcapngLayout.ByteOrderMagic)
        {
            bigEndian = false;
        }
        else if (BinaryPrimitives.ReverseEndianness(magic) == PcapngLayout.ByteOrderMagic)
        {
            bigEndian = true;
        }
        else
        {
            Statistics.BadRecords++;
            Statistics.Report(offset, $"Section Header Block with unknown byte-order magic 0x{magic:X8}");
            Resynchronise(offset);
            return false;
        }

        var length = bigEndian
            ? BinaryPrimitives.ReadUInt32BigEndian(span[PcapngLayout.TotalLengthOffset..])
            : BinaryPrimitives.ReadUInt32LittleEndian(span[PcapngLayout.TotalLengthOffset..]);
        if (length < PcapngLayout.ShbMinLength || length % 4 != 0 || length > PcapngLayout.MaxBlockLength)
        {
            Statistics.BadRecords++;
            Statistics.Report(offset, $"Section Header Block has invalid length {length}");
            Resynchronise(offset);
            return false;
        }

        if (!_buffer.Ensure((int)length))
        {
            Statistics.BadRecords++;
            Statistics.Report(offset, $"truncated Section Header Block: says {length} bytes, only {_buffer.Available} remain");
            Resynchronise(offset);
            return false;
        }

        _bigEndian = bigEndian;
        if (ReadUInt32(_buffer.Span[((int)length - 4)..]) != length)
        {
            Statistics.BadRecords++;
            Statistics.Report(offset, "Section Header Block: trailing length does not match");
            Resynchronise(offset);
            return false;
        }

        _inSection = true;
        _interfaces.Clear();
        _buffer.Advance((int)length);
        return true;
    }

    private bool TryEnhancedPacket(ReadOnlySpan<byte> block, long offset, out RawPacket packet)
    {
        packet = default;
        if (block.Length < PcapngLayout.EpbMinLength)
        {
            return Bad(offset, $"Enhanced Packet Block too short ({block.Length} bytes)");
        }

        var interfaceId = ReadUInt32(block[PcapngLayout.EpbInterfaceOffset..]);
        if (interfaceId >= (uint)_interfaces.Count)
        {
            return Bad(offset, $"Enhanced Packet Block for undeclared interface {interfaceId}");
        }

        var captured = ReadUInt32(block[PcapngLayout.EpbCapturedLengthOffset..]);
        var room = (uint)(block.Length - PcapngLayout.EpbDataOffset - PcapngLayout.BlockTrailerLength);
        if (captured > room)
        {
            return Bad(offset, $"Enhanced Packet Block captured length {captured} exceeds the block ({room} bytes)");
        }

        if (captured == 0)
        {
            return Bad(offset, "zero-length Enhanced Packet Block skipped");
        }

        var timestamp = ((ulong)ReadUInt32(block[PcapngLayout.EpbTimestampHighOffset..]) << 32) | ReadUInt32(block[PcapngLayout.EpbTimestampLowOffset..]);
        var original = ReadUInt32(block[PcapngLayout.EpbOriginalLengthOffset..]);
        var description = _interfaces[(int)interfaceId];
        packet = new RawPacket(
            description.ToTicks(timestamp),
            description.LinkType,
            (int)Math.Min(Math.Max(original, captured), int.MaxValue),
            block.Slice(PcapngLayout.EpbDataOffset, (int)captured),
            (int)interfaceId);
        return true;
    }

    private bool TrySimplePacket(ReadOnlySpan<byte> block, long offset, out RawPacket packet)
    {
        packet = default;
        if (_interfaces.Count == 0)
        {
            return Bad(offset, "Simple Packet Block before any Interface Description Block");
        }

        if (block.Length < PcapngLayout.SpbMinLength)
        {
            return Bad(offset, $"Simple Packet Block too short ({block.Length} bytes)");
        }

        var original = ReadUInt32(block[PcapngLayout.SpbOriginalLengthOffset..]);
        var room = (uint)(block.Length - PcapngLayout.SpbDataOffset - PcapngLayout.BlockTrailerLength);
        var description = _interfaces[0];
        var captured = Math.Min(original, room);
        if (description.SnapLength != 0)
        {
            captured = Math.Min(captured, description.SnapLength);
        }

        if (captured == 0)
        {
            return Bad(offset, "zero-length Simple Packet Block skipped");
        }

        // A Simple Packet Block has no timestamp; 0 (the epoch) marks it as unknown.
        packet = new RawPacket(UnixEpochTicks, description.LinkType, (int)Math.Min(original, int.MaxValue), block.Slice(PcapngLayout.SpbDataOffset, (int)captured));
        return true;
    }

    private bool TryObsoletePacket(ReadOnlySpan<byte> block, long offset, out RawPacket packet)
    {
        packet = default;
        if (block.Length < PcapngLayout.PbMinLength)
        {
            return Bad(offset, $"Packet Block too short ({block.Length} bytes)");
        }

        var interfaceId = ReadUInt16(block[PcapngLayout.PbInterfaceOffset..]);
        if (interfaceId >= _interfaces.Count)
        {
            return Bad(offset, $"Packet Block for undeclared interface {interfaceId}");
        }

        var captured = ReadUInt32(block[PcapngLayout.PbCapturedLengthOffset..]);
        var room = (uint)(block.Length - PcapngLayout.PbDataOffset - PcapngLayout.BlockTrailerLength);
        if (captured > room)
        {
            return Bad(offset, $"Packet Block captured length {captured} exceeds the block ({room} bytes)");
        }

        if (captured == 0)
        {
            return Bad(offset, "zero-length Packet Block skipped");
        }

        var drops = ReadUInt16(block[PcapngLayout.PbDropsOffset..]);
        if (drops != 0xFFFF)
        {
            Statistics.Dropped += drops;
        }

        var timestamp = ((ulong)ReadUInt32(block[PcapngLayout.PbTimestampHighOffset..]) << 32) | ReadUInt32(block[PcapngLayout.PbTimestampLowOffset..]);
        var original = ReadUInt32(block[PcapngLayout.PbOriginalLengthOffset..]);
        var description = _interfaces[interfaceId];
        packet = new RawPacket(
            description.ToTicks(timestamp),
            description.LinkType,
            (int)Math.Min(Math.Max(original, captured), int.MaxValue),
            block.Slice(PcapngLayout.PbDataOffset, (int)captured),
            interfaceId);
        return true;
    }

    private bool HandleOtherBlock(uint type, ReadOnlySpan<byte> block, long offset, out RawPacket packet)
    {
        packet = default;
        if (type == PcapngLayout.InterfaceStatisticsBlock)
        {
            ReadInterfaceStatistics(block);
            return false;
        }

        if (type != PcapngLayout.InterfaceDescriptionBlock)
        {
            return false;
        }

        if (block.Length < PcapngLayout.IdbMinLength)
        {
            return Bad(offset, $"Interface Description Block too short ({block.Length} bytes)");
        }

        if (_interfaces.Count >= PcapngLayout.MaxInterfaces)
        {
            return Bad(offset, $"more than {PcapngLayout.MaxInterfaces} interfaces in one section");
        }

        var linkType = (LinkType)ReadUInt16(block[PcapngLayout.IdbLinkTypeOffset..]);
        var snapLength = ReadUInt32(block[PcapngLayout.IdbSnapLengthOffset..]);
        byte resolution = 6;
        long offsetSeconds = 0;
        var options = block[PcapngLayout.IdbOptionsOffset..^PcapngLayout.BlockTrailerLength];
        while (options.Length >= 4)
        {
            var code = ReadUInt16(options);
            var optionLength = ReadUInt16(options[2..]);
            if (code == PcapngLayout.OptionEnd)
            {
                break;
            }

            var padded = (optionLength + 3) & ~3;
            if (options.Length < 4 + padded)
            {
                Statistics.Report(offset, "Interface Description Block option runs past the block; options ignored");
                break;
            }

            var value = options.Slice(4, optionLength);
            if (code == PcapngLayout.IdbOptionTimestampResolution && optionLength >= 1)
            {
                resolution = value[0];
            }
            else if (code == PcapngLayout.IdbOptionTimestampOffset && optionLength >= 8)
            {
                offsetSeconds = _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
            }

            options = options[(4 + padded)..];
        }

        _interfaces.Add(new InterfaceDescription(linkType, snapLength, resolution, offsetSeconds));
        return false;
    }

    /// <summary>
    /// An ISB's isb_ifdrop and isb_osdrop options are running totals for its interface: keep the
    /// latest per interface and report their sum as the capture's drops.
    /// </summary>
    private void ReadInterfaceStatistics(ReadOnlySpan<byte> block)
    {
        if (block.Length < PcapngLayout.IsbOptionsOffset + PcapngLayout.BlockTrailerLength)
        {
            return;
        }

        var interfaceId = ReadUInt32(block[PcapngLayout.BodyOffset..]);
        if (interfaceId >= (uint)_interfaces.Count)
        {
            return;
        }

        long drops = 0;
        var options = block[PcapngLayout.IsbOptionsOffset..^PcapngLayout.BlockTrailerLength];
        while (options.Length >= 4)
        {
            var code = ReadUInt16(options);
            var length = ReadUInt16(options[2..]);
            var padded = (length + 3) & ~3;
            if (code == PcapngLayout.OptionEnd || options.Length < 4 + padded)
            {
                break;
            }

            if (code is PcapngLayout.IsbOptionInterfaceDrops or PcapngLayout.IsbOptionOsDrops && length == 8)
            {
                var value = _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(options[4..]) : BinaryPrimitives.ReadInt64LittleEndian(options[4..]);
                drops += Math.Max(value, 0);
            }

            options = options[(4 + padded)..];
        }

        var description = _interfaces[(int)interfaceId];
        Statistics.Dropped += drops - description.Drops;
        description.Drops = drops;
    }

    private bool Bad(long offset, string message)
    {
        Statistics.BadRecords++;
        Statistics.Report(offset, message);
        return false;
    }

    /// <summary>Scans forward in 4-byte steps for a block whose type is known and whose two length fields agree.</summary>
    private void Resynchronise(long badOffset)
    {
        _buffer.Advance(4);
        long skipped = 4;
        while (true)
        {
            if (!_buffer.Ensure(PcapngLayout.MinBlockLength))
            {
                skipped += _buffer.AdvanceAll();
                Statistics.SkippedBytes += skipped;
                Statistics.Report(badOffset, $"no further valid block: skipped {skipped} bytes to end of file");
                return;
            }

            if (IsPlausibleBlock())
            {
                break;
            }

            _buffer.Advance(4);
            skipped += 4;
        }

        Statistics.SkippedBytes += skipped;
        Statistics.Report(badOffset, $"skipped {skipped} bytes to the next valid block at offset {_buffer.Position}");
    }

    private bool IsPlausibleBlock()
    {
        var span = _buffer.Span;
        var rawType = BinaryPrimitives.ReadUInt32LittleEndian(span);
        if (rawType == PcapngLayout.SectionHeaderBlock)
        {
            var magic = BinaryPrimitives.ReadUInt32LittleEndian(span[PcapngLayout.ShbByteOrderOffset..]);
            return magic == PcapngLayout.ByteOrderMagic || BinaryPrimitives.ReverseEndianness(magic) == PcapngLayout.ByteOrderMagic;
        }

        if (!_inSection)
        {
            return false;
        }

        var type = ReadUInt32(span);
        if (type is not (PcapngLayout.EnhancedPacketBlock or PcapngLayout.SimplePacketBlock or PcapngLayout.InterfaceDescriptionBlock
            or PcapngLayout.InterfaceStatisticsBlock or PcapngLayout.NameResolutionBlock or PcapngLayout.ObsoletePacketBlock
            or PcapngLayout.DecryptionSecretsBlock))
        {
            return false;
        }

        var length = ReadUInt32(span[PcapngLayout.TotalLengthOffset..]);
        if (length < PcapngLayout.MinBlockLength || length % 4 != 0 || length > PcapngLayout.MaxBlockLength)
        {
            return false;
        }

        return _buffer.Ensure((int)length) && ReadUInt32(_buffer.Span[((int)length - 4)..]) == length;
    }

    private uint ReadUInt32(ReadOnlySpan<byte> data) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data) : BinaryPrimitives.ReadUInt32LittleEndian(data);

    private ushort ReadUInt16(ReadOnlySpan<byte> data) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data) : BinaryPrimitives.ReadUInt16LittleEndian(data);

    /// <inheritdoc />
    public void Dispose()
    {
        _buffer.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>What an IDB says about its interface, with the timestamp conversion precomputed.</summary>
    private sealed class InterfaceDescription
    {
        private readonly byte _resolution;
        private readonly long _offsetTicks;
        private readonly ulong _multiplier;
        private readonly ulong _divisor;

        public InterfaceDescription(LinkType linkType, uint snapLength, byte resolution, long offsetSeconds)
        {
            LinkType = linkType;
            SnapLength = snapLength;
            _resolution = resolution;
            _offsetTicks = offsetSeconds * TimeSpan.TicksPerSecond;
            if ((resolution & 0x80) == 0)
            {
                // 10^-n seconds per unit; a tick is 10^-7 s.
                var exponent = resolution & 0x7F;
                _multiplier = exponent <= 7 ? Pow10(7 - exponent) : 1;
                _divisor = exponent > 7 ? Pow10(Math.Min(exponent - 7, 19)) : 1;
            }
        }

        public LinkType LinkType { get; }

        public uint SnapLength { get; }

        /// <summary>Latest drop total an ISB reported for this interface.</summary>
        public long Drops { get; set; }

        public long ToTicks(ulong timestamp)
        {
            ulong ticks;
            if ((_resolution & 0x80) == 0)
            {
                ticks = _multiplier == 1 ? timestamp / _divisor : unchecked(timestamp * _multiplier);
            }
            else
            {
                var shift = Math.Min(_resolution & 0x7F, 63);
                ticks = (ulong)(((UInt128)timestamp * TimeSpan.TicksPerSecond) >> shift);
            }

            var result = UnixEpochTicks + _offsetTicks + (long)Math.Min(ticks, (ulong)(DateTime.MaxValue.Ticks - UnixEpochTicks));
            return Math.Clamp(result, 0, DateTime.MaxValue.Ticks);
        }

        private static ulong Pow10(int exponent)
        {
            ulong value = 1;
            for (var i = 0; i < exponent; i++)
            {
                value *= 10;
            }

            return value;
        }
    }
}
