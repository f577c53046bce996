using System.Numerics;

namespace Mamori.Sensor.Flows;

/// <summary>
/// The direction-free identity of a flow: the two endpoints in a canonical order (smaller
/// address:port first, as Community ID orders them), protocol and outer VLAN. A plain struct
/// with its own hash, so a lookup never allocates.
/// </summary>
public readonly struct FlowKey : IEquatable<FlowKey>
{
    private FlowKey(FlowAddress first, FlowAddress second, ushort firstPort, ushort secondPort, byte protocol, ushort vlan)
    {
        First = first;
        Second = second;
        FirstPort = firstPort;
        SecondPort = secondPort;
        Protocol = protocol;
        Vlan = vlan;
    }

    /// <summary>The smaller endpoint's address.</summary>
    public FlowAddress First { get; }

    /// <summary>The larger endpoint's address.</summary>
    public FlowAddress Second { get; }

    /// <summary>The smaller endpoint's port (ICMP: mapped type).</summary>
    public ushort FirstPort { get; }

    /// <summary>The larger endpoint's port (ICMP: mapped counterpart type or code).</summary>
    public ushort SecondPort { get; }

    /// <summary>IP protocol.</summary>
    public byte Protocol { get; }

    /// <summary>Outer VLAN id, 0 when untagged.</summary>
    public ushort Vlan { get; }

    /// <summary>
    /// Builds the key for a packet from <paramref name="source"/> to <paramref name="destination"/>.
    /// <paramref name="sourceIsFirst"/> tells which canonical side sent it. With
    /// <paramref name="oneWay"/> (ICMP messages without a counterpart) the order is kept as sent.
    /// </summary>
    public static FlowKey Create(in FlowAddress source, ushort sourcePort, in FlowAddress destination, ushort destinationPort, byte protocol, ushort vlan, bool oneWay, out bool sourceIsFirst)
    {
        var order = source.CompareTo(destination);
        sourceIsFirst = oneWay || order < 0 || (order == 0 && sourcePort <= destinationPort);
        return sourceIsFirst
            ? new FlowKey(source, destination, sourcePort, destinationPort, protocol, vlan)
            : new FlowKey(destination, source, destinationPort, sourcePort, protocol, vlan);
    }

    /// <inheritdoc />
    public bool Equals(FlowKey other) =>
        First.Low == other.First.Low && Second.Low == other.Second.Low
        && FirstPort == other.FirstPort && SecondPort == other.SecondPort
        && First.High == other.First.High && Second.High == other.Second.High
        && Protocol == other.Protocol && Vlan == other.Vlan;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

    /// <summary>
    /// A multiply-rotate mix over the key's words: cheaper than <see cref="HashCode"/>'s
    /// per-call seeding and good enough for a table whose keys an attacker does not choose freely
    /// (both addresses and ports are mixed, so a port scan still spreads).
    /// </summary>
    public override int GetHashCode()
    {
        const ulong K1 = 0x9E3779B97F4A7C15;
        const ulong K2 = 0xC2B2AE3D27D4EB4F;
        var h = (First.Low * K1) ^ BitOperations.RotateLeft(Second.Low * K2, 31);
        h ^= (First.High + Second.High) * K2;
        h ^= ((ulong)FirstPort << 48 | (ulong)SecondPort << 32 | (ulong)Protocol << 16 | Vlan) * K1;
        h ^= h >> 29;
        h *= K2;
        h ^= h >> 32;
        return (int)h;
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(FlowKey left, FlowKey right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(FlowKey left, FlowKey right) => !left.Equals(right);
}
