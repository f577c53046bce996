namespace Mamori.Sensor.Capture;

/// <summary>
/// Link-layer header types the engine decodes, numbered as in the tcpdump.org LINKTYPE_ registry
/// (https://www.tcpdump.org/linktypes.html).
/// </summary>
public enum LinkType : ushort
{
    /// <summary>BSD loopback (4-byte host-order family).</summary>
    Null = 0,

    /// <summary>IEEE 802.3 Ethernet.</summary>
    Ethernet = 1,

    /// <summary>Raw IP as some BSDs numbered DLT_RAW.</summary>
    RawBsd12 = 12,

    /// <summary>Raw IP as other BSDs numbered DLT_RAW.</summary>
    RawBsd14 = 14,

    /// <summary>Raw IPv4 or IPv6, told apart by the version nibble.</summary>
    Raw = 101,

    /// <summary>Linux "cooked" capture v1 (tcpdump -i any).</summary>
    LinuxSll = 113,

    /// <summary>Raw IPv4.</summary>
    Ipv4 = 228,

    /// <summary>Raw IPv6.</summary>
    Ipv6 = 229,

    /// <summary>Linux "cooked" capture v2.</summary>
    LinuxSll2 = 276,
}
