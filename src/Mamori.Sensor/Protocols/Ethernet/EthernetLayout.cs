namespace Mamori.Sensor.Protocols.Ethernet;

/// <summary>Offsets in an Ethernet II header and the EtherTypes the engine follows (IEEE 802.3, 802.1Q).</summary>
internal static class EthernetLayout
{
    public const int DestinationOffset = 0;
    public const int SourceOffset = 6;
    public const int AddressLength = 6;
    public const int EtherTypeOffset = 12;
    public const int HeaderLength = 14;

    /// <summary>An 802.1Q tag: 2 bytes TCI then the inner EtherType.</summary>
    public const int VlanTagLength = 4;

    /// <summary>Tags followed before a frame is treated as malformed (QinQ uses two).</summary>
    public const int MaxVlanTags = 4;

    /// <summary>Values below this are 802.3 lengths, not EtherTypes.</summary>
    public const ushort MinEtherType = 0x0600;
}

/// <summary>EtherType values (IEEE registry).</summary>
public static class EtherTypes
{
    /// <summary>IPv4.</summary>
    public const ushort Ipv4 = 0x0800;

    /// <summary>ARP.</summary>
    public const ushort Arp = 0x0806;

    /// <summary>IPv6.</summary>
    public const ushort Ipv6 = 0x86DD;

    /// <summary>802.1Q VLAN tag.</summary>
    public const ushort Vlan = 0x8100;

    /// <summary>802.1ad service tag (QinQ outer tag).</summary>
    public const ushort QinQ = 0x88A8;

    /// <summary>Pre-standard QinQ outer tag.</summary>
    public const ushort QinQLegacy = 0x9100;
}
