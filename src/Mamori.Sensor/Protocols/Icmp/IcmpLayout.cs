namespace Mamori.Sensor.Protocols.Icmp;

/// <summary>Offsets shared by ICMP (RFC 792) and ICMPv6 (RFC 4443).</summary>
internal static class IcmpLayout
{
    public const int TypeOffset = 0;
    public const int CodeOffset = 1;
    public const int IdentifierOffset = 4;
    public const int SequenceOffset = 6;
    public const int HeaderLength = 8;
}

/// <summary>ICMP and ICMPv6 message types the engine treats specially.</summary>
public static class IcmpTypes
{
    /// <summary>ICMP echo reply.</summary>
    public const byte EchoReply = 0;

    /// <summary>ICMP destination unreachable.</summary>
    public const byte DestinationUnreachable = 3;

    /// <summary>ICMP echo request.</summary>
    public const byte EchoRequest = 8;

    /// <summary>ICMP time exceeded.</summary>
    public const byte TimeExceeded = 11;

    /// <summary>ICMPv6 destination unreachable.</summary>
    public const byte V6DestinationUnreachable = 1;

    /// <summary>ICMPv6 echo request.</summary>
    public const byte V6EchoRequest = 128;

    /// <summary>ICMPv6 echo reply.</summary>
    public const byte V6EchoReply = 129;
}
