using System.Net;
using System.Net.NetworkInformation;

namespace Mamori.Sensor.Events;

// The typed events the traffic engine emits. Shapes are shared by the protocol parsers (which
// fill them) and the detectors (which read them); add fields rather than change meanings.

/// <summary>A finished (or evicted) connection, like a line of Zeek's conn.log.</summary>
public sealed record ConnectionEvent : MetadataEvent
{
    public override string Kind => "conn";
    public required DateTimeOffset Start { get; init; }
    public required TimeSpan Duration { get; init; }
    public long OriginatorPackets { get; init; }
    public long OriginatorBytes { get; init; }
    public long ResponderPackets { get; init; }
    public long ResponderBytes { get; init; }
    /// <summary>Zeek conn_state: S0, S1, SF, REJ, RSTO, RSTR, OTH, ...</summary>
    public string? State { get; init; }
    /// <summary>Zeek history string, e.g. "ShADadFf".</summary>
    public string? History { get; init; }
    /// <summary>Application protocol identified on the flow ("dns", "http", "tls", "ssh", ...).</summary>
    public string? Service { get; init; }
    /// <summary>Why the flow record was emitted: "closed", "idle", "active", "evicted", "end".</summary>
    public string? EndReason { get; init; }
    /// <summary>Bytes the reassembler never saw (holes).</summary>
    public long MissedBytes { get; init; }
}

/// <summary>One DNS query and, when seen, its answer (UDP or TCP; also mDNS and LLMNR).</summary>
public sealed record DnsEvent : MetadataEvent
{
    public override string Kind => "dns";
    public ushort TransactionId { get; init; }
    public required string Query { get; init; }
    public ushort QueryType { get; init; }
    public string QueryTypeName { get; init; } = "";
    /// <summary>Response code, or null when no response was seen.</summary>
    public byte? ResponseCode { get; init; }
    public string? ResponseCodeName { get; init; }
    public IReadOnlyList<string> Answers { get; init; } = [];
    public IReadOnlyList<uint> Ttls { get; init; } = [];
    /// <summary>Size in bytes of the query message (tunnelling detectors use it).</summary>
    public int QueryLength { get; init; }
    /// <summary>Size in bytes of the response message, 0 if none.</summary>
    public int ResponseLength { get; init; }
    /// <summary>"udp" or "tcp".</summary>
    public string Transport { get; init; } = "udp";
}

/// <summary>One HTTP/1.x request and its response, like Zeek's http.log.</summary>
public sealed record HttpEvent : MetadataEvent
{
    public override string Kind => "http";
    public required string Method { get; init; }
    public string? Host { get; init; }
    public required string Uri { get; init; }
    public string? UserAgent { get; init; }
    public string? Version { get; init; }
    public int? StatusCode { get; init; }
    public string? ContentType { get; init; }
    /// <summary>Authorization scheme sent by the client ("Basic", "Bearer", "NTLM", ...), never the credentials.</summary>
    public string? AuthorizationScheme { get; init; }
    public long RequestBodyLength { get; init; }
    public long ResponseBodyLength { get; init; }
}

/// <summary>A TLS handshake as far as it is visible, like Zeek's ssl.log plus JA3/JA4.</summary>
public sealed record TlsEvent : MetadataEvent
{
    public override string Kind => "tls";
    public string? ServerName { get; init; }
    public IReadOnlyList<string> Alpn { get; init; } = [];
    /// <summary>Highest version offered by the client ("TLSv1.3", ...).</summary>
    public string? ClientVersion { get; init; }
    /// <summary>Version chosen by the server, when the ServerHello was seen.</summary>
    public string? Version { get; init; }
    public string? Cipher { get; init; }
    public string? Ja3 { get; init; }
    public string? Ja3s { get; init; }
    public string? Ja4 { get; init; }
    public string? CertificateSubject { get; init; }
    public string? CertificateIssuer { get; init; }
}

/// <summary>Kinds of login the engine recognises.</summary>
public enum LoginProtocol
{
    Ftp, Pop3, Imap, Smtp, Telnet, HttpBasic, Http, Ssh, Ntlm, Kerberos, Rdp,
}

/// <summary>Outcome of a login attempt as far as the wire shows it.</summary>
public enum LoginResult
{
    /// <summary>Not yet known, or cannot be known (an RDP cookie only names the user).</summary>
    Unknown,
    Success,
    Failure,
}

/// <summary>
/// A login attempt. Carries the user name, never the password: <see cref="PlaintextPassword"/>
/// only says that a password crossed the wire in clear.
/// </summary>
public sealed record LoginEvent : MetadataEvent
{
    public override string Kind => "login";
    public required LoginProtocol Protocol { get; init; }
    public string? User { get; init; }
    public string? Domain { get; init; }
    public string? Workstation { get; init; }
    public required LoginResult Result { get; init; }
    /// <summary>True when a password was sent unencrypted (FTP PASS, POP3 PASS, HTTP Basic, ...).</summary>
    public bool PlaintextPassword { get; init; }
    /// <summary>Protocol-specific status (e.g. "530", "-ERR", NTSTATUS "0xc000006d", Kerberos error 24).</summary>
    public string? Status { get; init; }
    /// <summary>Client software where the protocol tells it (SSH banner).</summary>
    public string? Client { get; init; }
    public string? Server { get; init; }
}

/// <summary>SSH banners and the inferred authentication outcome, like Zeek's ssh.log.</summary>
public sealed record SshEvent : MetadataEvent
{
    public override string Kind => "ssh";
    public string? ClientBanner { get; init; }
    public string? ServerBanner { get; init; }
    /// <summary>Inferred from encrypted packet sizes after key exchange; null if undetermined.</summary>
    public bool? AuthSuccess { get; init; }
    /// <summary>Number of authentication attempts inferred.</summary>
    public int AuthAttempts { get; init; }
}

/// <summary>A DHCP message: raw material for the device inventory.</summary>
public sealed record DhcpEvent : MetadataEvent
{
    public override string Kind => "dhcp";
    /// <summary>DISCOVER, OFFER, REQUEST, ACK, NAK, RELEASE, INFORM, DECLINE.</summary>
    public required string MessageType { get; init; }
    public required PhysicalAddress ClientMac { get; init; }
    public string? HostName { get; init; }
    public string? VendorClass { get; init; }
    public IPAddress? RequestedAddress { get; init; }
    public IPAddress? AssignedAddress { get; init; }
    public TimeSpan? LeaseTime { get; init; }
    /// <summary>Option 55 parameter request list, comma-separated (an OS fingerprint hint).</summary>
    public string? ParameterRequestList { get; init; }
}

/// <summary>An ARP request or reply: which MAC holds which IPv4 address.</summary>
public sealed record ArpEvent : MetadataEvent
{
    public override string Kind => "arp";
    /// <summary>"request" or "reply".</summary>
    public required string Operation { get; init; }
    public required PhysicalAddress SenderMac { get; init; }
    public required IPAddress SenderAddress { get; init; }
    public PhysicalAddress? TargetMac { get; init; }
    public required IPAddress TargetAddress { get; init; }
}

/// <summary>A host announcing or asking for a name by mDNS, LLMNR or NetBIOS name service.</summary>
public sealed record NameEvent : MetadataEvent
{
    public override string Kind => "name";
    /// <summary>"mdns", "llmnr" or "nbns".</summary>
    public required string Source { get; init; }
    public required string Name { get; init; }
    /// <summary>True for an announcement or answer (the sender owns the name), false for a query.</summary>
    public bool IsAnnouncement { get; init; }
    public IPAddress? Address { get; init; }
    public PhysicalAddress? Mac { get; init; }
}

/// <summary>Kerberos AS exchange, like Zeek's kerberos.log.</summary>
public sealed record KerberosEvent : MetadataEvent
{
    public override string Kind => "kerberos";
    /// <summary>"AS-REQ", "AS-REP", "TGS-REQ", "TGS-REP" or "KRB-ERROR".</summary>
    public required string MessageType { get; init; }
    public string? Client { get; init; }
    public string? Realm { get; init; }
    public string? Service { get; init; }
    /// <summary>Kerberos error code for KRB-ERROR (e.g. 24 pre-auth failed, 6 unknown client).</summary>
    public int? ErrorCode { get; init; }
}

/// <summary>What a client did to a file on an SMB share.</summary>
public enum SmbFileAction
{
    /// <summary>Opened for reading (not reported by the traffic engine; other sensors' logs may carry it).</summary>
    Read,

    /// <summary>Opened an existing file for writing.</summary>
    Write,

    /// <summary>Created, overwrote or superseded a file.</summary>
    Create,
}

/// <summary>
/// An SMB2/3 CREATE that opens a file on a share for writing or creates one, like a line of Zeek's
/// smb_files.log. Names only: file contents never leave the parser.
/// </summary>
public sealed record SmbFileEvent : MetadataEvent
{
    public override string Kind => "smb_files";
    public required SmbFileAction Action { get; init; }
    /// <summary>The tree as the client named it in TREE_CONNECT, e.g. <c>\\10.0.0.9\ADMIN$</c>.</summary>
    public required string Path { get; init; }
    /// <summary>The share name, the last part of <see cref="Path"/> (e.g. "ADMIN$"); a trailing '$' marks a hidden share.</summary>
    public required string Share { get; init; }
    /// <summary>File name relative to the share root, e.g. "PSEXESVC.exe" or "Temp\\a.ps1" (at most 256 characters, the end kept).</summary>
    public required string Name { get; init; }
    /// <summary>True when the server granted the open, false when it refused, null when no answer was seen.</summary>
    public bool? Succeeded { get; init; }
    /// <summary>NTSTATUS of the answer ("0x00000000", "0xc0000022"), or null.</summary>
    public string? Status { get; init; }
}
