using System.Globalization;

namespace Mamori.Sensor.Protocols.Dns;

/// <summary>Type and response-code mnemonics (IANA DNS parameters registry).</summary>
internal static class DnsNames
{
    public static string TypeName(ushort type) => type switch
    {
        1 => "A",
        2 => "NS",
        5 => "CNAME",
        6 => "SOA",
        10 => "NULL",
        12 => "PTR",
        13 => "HINFO",
        15 => "MX",
        16 => "TXT",
        28 => "AAAA",
        32 => "NB",
        33 => "SRV",
        35 => "NAPTR",
        41 => "OPT",
        43 => "DS",
        46 => "RRSIG",
        47 => "NSEC",
        48 => "DNSKEY",
        64 => "SVCB",
        65 => "HTTPS",
        251 => "IXFR",
        252 => "AXFR",
        255 => "*",
        257 => "CAA",
        _ => "TYPE" + type.ToString(CultureInfo.InvariantCulture),
    };

    public static string ResponseCodeName(byte rcode) => rcode switch
    {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        6 => "YXDOMAIN",
        7 => "YXRRSET",
        8 => "NXRRSET",
        9 => "NOTAUTH",
        10 => "NOTZONE",
        _ => "RCODE" + rcode.ToString(CultureInfo.InvariantCulture),
    };
}
