namespace Mamori.Sensor.Protocols.Ipv6;

/// <summary>Offsets in an IPv6 header and its extension headers (RFC 8200).</summary>
internal static class Ipv6Layout
{
    public const int PayloadLengthOffset = 4;
    public const int NextHeaderOffset = 6;
    public const int HopLimitOffset = 7;
    public const int SourceOffset = 8;
    public const int DestinationOffset = 24;
    public const int AddressLength = 16;
    public const int HeaderLength = 40;

    public const int FragmentHeaderLength = 8;
    public const int FragmentOffsetFieldOffset = 2;
    public const int FragmentIdentificationOffset = 4;

    /// <summary>Extension headers followed before giving up (a defence against header chains).</summary>
    public const int MaxExtensionHeaders = 16;
}

/// <summary>IP protocol / IPv6 next-header numbers (IANA registry).</summary>
public static class IpProtocols
{
    /// <summary>IPv6 hop-by-hop options.</summary>
    public const byte HopByHop = 0;

    /// <summary>ICMP.</summary>
    public const byte Icmp = 1;

    /// <summary>TCP.</summary>
    public const byte Tcp = 6;

    /// <summary>UDP.</summary>
    public const byte Udp = 17;

    /// <summary>IPv6 routing header.</summary>
    public const byte Routing = 43;

    /// <summary>IPv6 fragment header.</summary>
    public const byte Fragment = 44;

    /// <summary>ESP (encrypted; the walk stops here).</summary>
    public const byte Esp = 50;

    /// <summary>Authentication header.</summary>
    public const byte AuthenticationHeader = 51;

    /// <summary>ICMPv6.</summary>
    public const byte Icmpv6 = 58;

    /// <summary>No next header.</summary>
    public const byte NoNextHeader = 59;

    /// <summary>IPv6 destination options.</summary>
    public const byte DestinationOptions = 60;

    /// <summary>Mobility header.</summary>
    public const byte Mobility = 135;
}
