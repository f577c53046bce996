namespace Mamori.Sensor.Detection.DnsTunneling;

/// <summary>
/// DNS tunnelling thresholds, per client and registered domain. Two windows: a short one for
/// the bulk tunnels (iodine, dnscat2, DNSExfiltrator) and a long one for slow exfiltration that
/// stays under any per-minute rate.
/// </summary>
public sealed class DnsTunnelingOptions
{
    /// <summary>Short window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Distinct subdomains of one registered domain from one client in the short window.</summary>
    public int UniqueSubdomains { get; set; } = 50;

    /// <summary>Long window for slow exfiltration.</summary>
    public TimeSpan SlowWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Distinct subdomains in the long window.</summary>
    public int SlowUniqueSubdomains { get; set; } = 300;

    /// <summary>
    /// Mean subdomain length (characters) that marks encoded data. Hostnames people and CDNs use
    /// average well under 20; base32/base64 tunnels fill labels toward 63.
    /// </summary>
    public double MinMeanSubdomainLength { get; set; } = 24;

    /// <summary>Mean Shannon entropy (bits/char) of subdomains that marks encoded data.</summary>
    public double MinMeanEntropy { get; set; } = 3.5;

    /// <summary>Share of TXT, NULL, CNAME, MX or private-type queries that marks a tunnel's carrier records.</summary>
    public double CarrierRecordShare { get; set; } = 0.5;

    /// <summary>Distinct subdomains needed when the carrier-record share is met (then length alone need not be).</summary>
    public int CarrierUniqueSubdomains { get; set; } = 30;

    /// <summary>
    /// Registered domains never reported: services whose normal lookups look like tunnels
    /// (anti-virus reputation look-ups, DNS-based blocklists, telemetry).
    /// </summary>
    public IList<string> Allow { get; set; } =
    [
        "sophosxl.net", "mcafee.com", "trendmicro.com", "spamhaus.org", "spamcop.net", "sorbs.net",
        "barracudacentral.org", "surbl.org", "uribl.com", "senderbase.org", "eset.com", "e5.sk",
        "kaspersky-labs.com", "avast.com", "avg.com", "webroot.com", "akamaiedge.net", "in-addr.arpa", "ip6.arpa",
    ];
}
