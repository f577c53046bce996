using System.Buffers.Binary;
using System.Net;

namespace Mamori.Sensor.Flows;

/// <summary>
/// An IPv4 or IPv6 address as two 64-bit halves (IPv4 is held IPv4-mapped, ::ffff:a.b.c.d), so
/// flow keys compare and hash without touching the heap.
/// </summary>
public readonly struct FlowAddress : IEquatable<FlowAddress>, IComparable<FlowAddress>
{
    private const ulong MappedPrefix = 0x0000_FFFF_0000_0000;

    /// <summary>Creates an address from its halves (network order, high half first).</summary>
    public FlowAddress(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    /// <summary>The first 8 bytes in network order.</summary>
    public ulong High { get; }

    /// <summary>The last 8 bytes in network order.</summary>
    public ulong Low { get; }

    /// <summary>True for an IPv4 address.</summary>
    public bool IsIpv4 => High == 0 && (Low >> 32) == 0xFFFF;

    /// <summary>Reads a 4-byte IPv4 address.</summary>
    public static FlowAddress FromIpv4(ReadOnlySpan<byte> address) =>
        new(0, MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(address));

    /// <summary>Reads a 16-byte IPv6 address.</summary>
    public static FlowAddress FromIpv6(ReadOnlySpan<byte> address) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(address), BinaryPrimitives.ReadUInt64BigEndian(address[8..]));

    /// <summary>Converts from <see cref="IPAddress"/>.</summary>
    public static FlowAddress FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? FromIpv4(bytes) : FromIpv6(bytes);
    }

    /// <summary>Writes the address as 4 (IPv4) or 16 bytes; returns the count.</summary>
    public int WriteBytes(Span<byte> destination)
    {
        if (IsIpv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)Low);
            return 4;
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
        return 16;
    }

    /// <summary>Allocates the <see cref="IPAddress"/> (once per flow, not per packet).</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = WriteBytes(bytes);
        return new IPAddress(bytes[..length]);
    }

    /// <inheritdoc />
    public int CompareTo(FlowAddress other)
    {
        var high = High.CompareTo(other.High);
        return high != 0 ? high : Low.CompareTo(other.Low);
    }

    /// <inheritdoc />
    public bool Equals(FlowAddress other) => High == other.High && Low == other.Low;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FlowAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(High, Low);

    /// <inheritdoc />
    public override string ToString() => ToIPAddress().ToString();

    /// <summary>Equality.</summary>
    public static bool operator ==(FlowAddress left, FlowAddress right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(FlowAddress left, FlowAddress right) => !left.Equals(right);

    /// <summary>Ordering.</summary>
    public static bool operator <(FlowAddress left, FlowAddress right) => left.CompareTo(right) < 0;

    /// <summary>Ordering.</summary>
    public static bool operator >(FlowAddress left, FlowAddress right) => left.CompareTo(right) > 0;

    /// <summary>Ordering.</summary>
    public static bool operator <=(FlowAddress left, FlowAddress right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering.</summary>
    public static bool operator >=(FlowAddress left, FlowAddress right) => left.CompareTo(right) >= 0;
}
