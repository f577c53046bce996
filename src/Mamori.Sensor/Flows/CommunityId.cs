using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Mamori.Sensor.Flows;

/// <summary>
/// Community ID v1 flow hashing (https://github.com/corelight/community-id-spec): SHA-1 over
/// seed, ordered addresses, protocol, a zero pad byte and ordered ports, base64 with a "1:" prefix.
/// </summary>
public static class CommunityId
{
    /// <summary>Computes the ID for a flow seen from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    /// <param name="source">Sender address.</param>
    /// <param name="sourcePort">Sender port, or the ICMP type mapped by <see cref="MapIcmp"/>.</param>
    /// <param name="destination">Receiver address.</param>
    /// <param name="destinationPort">Receiver port, or the mapped ICMP counterpart/code.</param>
    /// <param name="protocol">IP protocol number.</param>
    /// <param name="oneWay">ICMP messages without a counterpart type are not reordered.</param>
    /// <param name="seed">Seed (0 unless the deployment agrees on another).</param>
    public static string Compute(in FlowAddress source, ushort sourcePort, in FlowAddress destination, ushort destinationPort, byte protocol, bool oneWay = false, ushort seed = 0)
    {
        var order = source.CompareTo(destination);
        var swap = !oneWay && (order > 0 || (order == 0 && sourcePort > destinationPort));
        var first = swap ? destination : source;
        var second = swap ? source : destination;
        var firstPort = swap ? destinationPort : sourcePort;
        var secondPort = swap ? sourcePort : destinationPort;

        Span<byte> input = stackalloc byte[2 + 16 + 16 + 2 + 4];
        BinaryPrimitives.WriteUInt16BigEndian(input, seed);
        var length = 2;
        length += first.WriteBytes(input[length..]);
        length += second.WriteBytes(input[length..]);
        input[length++] = protocol;
        input[length++] = 0;
        if (HasPorts(protocol))
        {
            BinaryPrimitives.WriteUInt16BigEndian(input[length..], firstPort);
            BinaryPrimitives.WriteUInt16BigEndian(input[(length + 2)..], secondPort);
            length += 4;
        }

        Span<byte> digest = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what the Community ID v1 specification mandates; it is an identifier, not a security control.
        SHA1.HashData(input[..length], digest);
#pragma warning restore CA5350
        return "1:" + Convert.ToBase64String(digest);
    }

    /// <summary>
    /// Maps an ICMP/ICMPv6 type and code to Community ID's (and Zeek's) "ports": the type, and
    /// the counterpart type for request/reply pairs (which makes both directions one flow) or
    /// else the code, with the message then treated as one-way.
    /// </summary>
    public static (ushort SourcePort, ushort DestinationPort, bool OneWay) MapIcmp(byte type, byte code, bool ipv6)
    {
        // Request/reply pairs after Zeek's ICMP analyzer: echo, router solicitation/advertisement,
        // neighbour solicitation/advertisement, multicast listener query/report, node information,
        // home agent address discovery (v6); echo, timestamp, information, router, address mask (v4).
        int counterpart = ipv6
            ? type switch
            {
                128 => 129,
                129 => 128,
                133 => 134,
                134 => 133,
                135 => 136,
                136 => 135,
                130 => 131,
                131 => 130,
                139 => 140,
                140 => 139,
                144 => 145,
                145 => 144,
                _ => -1,
            }
            : type switch
            {
                8 => 0,
                0 => 8,
                13 => 14,
                14 => 13,
                15 => 16,
                16 => 15,
                10 => 9,
                9 => 10,
                17 => 18,
                18 => 17,
                _ => -1,
            };
        return counterpart < 0 ? (type, code, true) : (type, (ushort)counterpart, false);
    }

    private static bool HasPorts(byte protocol) => protocol is 6 or 17 or 132 or 1 or 58;
}
