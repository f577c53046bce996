namespace Mamori.Sensor.Detection.BannedSoftware;

/// <summary>One kind of software the company should not use, and how to recognise it on the wire.</summary>
public sealed class BannedSoftwareRule
{
    /// <summary>Display name ("BitTorrent", "AnyDesk", ...).</summary>
    public required string Name { get; set; }

    /// <summary>"p2p", "remote_access", "adware" or any label.</summary>
    public string Category { get; set; } = "p2p";

    /// <summary>Registered domains (and their subdomains) the software contacts, seen in DNS or TLS SNI.</summary>
    public IList<string> Domains { get; set; } = [];

    /// <summary>User-agent fragments (case-insensitive).</summary>
    public IList<string> UserAgents { get; set; } = [];

    /// <summary>JA4 TLS client fingerprints.</summary>
    public IList<string> Ja4 { get; set; } = [];

    /// <summary>Severity: low by default; adware and P2P file sharing are medium (the pilot's adware case was 中).</summary>
    public AlertSeverity Severity { get; set; } = AlertSeverity.Low;

    /// <summary>True when the company approved it (e.g. its IT vendor's remote support tool): not reported.</summary>
    public bool Approved { get; set; }
}

/// <summary>Banned-software list. The defaults are examples an operator extends or approves.</summary>
public sealed class BannedSoftwareOptions
{
    /// <summary>Rules.</summary>
    public IList<BannedSoftwareRule> Rules { get; set; } =
    [
        new() { Name = "BitTorrent", Category = "p2p", Severity = AlertSeverity.Medium,
            Domains = ["bittorrent.com", "utorrent.com", "bitcomet.com", "qbittorrent.org", "transmissionbt.com", "opentrackr.org", "openbittorrent.com", "tracker.publicbt.com"],
            UserAgents = ["bittorrent", "utorrent", "µtorrent", "transmission/", "qbittorrent", "azureus", "vuze", "bitcomet", "libtorrent", "aria2/"] },
        new() { Name = "Winny / Share / Perfect Dark", Category = "p2p", Severity = AlertSeverity.Medium,
            UserAgents = ["winny", "share ex2", "perfect dark"] },
        new() { Name = "AnyDesk", Category = "remote_access", Domains = ["anydesk.com", "net.anydesk.com"], UserAgents = ["anydesk"] },
        new() { Name = "TeamViewer", Category = "remote_access", Domains = ["teamviewer.com"], UserAgents = ["teamviewer"] },
        new() { Name = "Chrome Remote Desktop", Category = "remote_access", Domains = ["remotedesktop.google.com"] },
        new() { Name = "Adware (toolbar and browser hijacker domains)", Category = "adware", Severity = AlertSeverity.Medium,
            Domains = ["mindspark.com", "conduit.com", "babylon.com", "ask.com", "mywebsearch.com", "searchprotect.com", "superfish.com", "wajam.com", "opencandy.com", "installcore.com"] },
    ];
}
