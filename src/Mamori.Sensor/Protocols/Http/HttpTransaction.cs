using Mamori.Sensor.Protocols.Smb;

namespace Mamori.Sensor.Protocols.Http;

/// <summary>One request and, once seen, its response: the fields of an <see cref="Events.HttpEvent"/>.</summary>
internal sealed class HttpTransaction
{
    public required string Method { get; init; }
    public required string Uri { get; init; }
    public required string Version { get; init; }
    public DateTimeOffset Timestamp { get; init; }
    public string? Host { get; set; }
    public string? UserAgent { get; set; }
    public string? AuthorizationScheme { get; set; }

    /// <summary>User name from Basic or Digest credentials (the password is never kept).</summary>
    public string? AuthorizationUser { get; set; }

    public bool IsBasic { get; set; }
    public NtlmIdentity? Ntlm { get; set; }

    /// <summary>True for NTLM/Negotiate handshake legs that are not the final AUTHENTICATE.</summary>
    public bool IsHandshakeLeg { get; set; }

    public long RequestBodyLength { get; set; }
    public int? StatusCode { get; set; }
    /// <summary>The response's Content-Type (what was served, as in Zeek's resp_mime_types).</summary>
    public string? ResponseContentType { get; set; }
    public long ResponseBodyLength { get; set; }
}
