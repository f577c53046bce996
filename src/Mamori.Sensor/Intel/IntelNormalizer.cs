using System.Net;

namespace Mamori.Sensor.Intel;

/// <summary>Normalises feed values so that look-ups match what the wire shows.</summary>
public static class IntelNormalizer
{
    /// <summary>
    /// A URL as "host[:port]/path?query" with the host lowercased, the scheme and default port
    /// dropped and the fragment removed; null when it is not an http(s) URL.
    /// </summary>
    public static string? UrlKey(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        url = url.Trim();
        if (url.Length == 0)
        {
            return null;
        }

        if (!url.Contains("://", StringComparison.Ordinal))
        {
            url = "http://" + url;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var host = uri.IsDefaultPort ? uri.IdnHost : uri.IdnHost + ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return host.ToLowerInvariant() + uri.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
    }

    /// <summary>The key of an HTTP request's host header and request target.</summary>
    public static string? UrlKey(string host, string requestTarget)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(requestTarget);
        if (requestTarget.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || requestTarget.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return UrlKey(requestTarget);
        }

        var target = requestTarget.StartsWith('/') ? requestTarget : "/" + requestTarget;
        return UrlKey("http://" + host + target);
    }

    /// <summary>Host without a ":port" suffix (IPv6 literals in brackets are kept whole).</summary>
    public static string StripPort(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? host[1..close] : host;
        }

        var colon = host.LastIndexOf(':');
        return colon > 0 && host.IndexOf(':', StringComparison.Ordinal) == colon ? host[..colon] : host;
    }

    /// <summary>Lowercase host name without trailing dot, or null when it is not a plausible DNS name.</summary>
    public static string? Name(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var name = value.Trim().TrimEnd('.').ToLowerInvariant();
        if (name.StartsWith("*.", StringComparison.Ordinal))
        {
            name = name[2..];
        }

        if (name.Length is 0 or > 253 || !name.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                return null;
            }
        }

        return name;
    }

    /// <summary>Canonical address text, or null.</summary>
    public static string? Ip(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        // "1.2.3.4:443" (ThreatFox ip:port).
        var colon = text.LastIndexOf(':');
        if (colon > 0 && text.IndexOf(':', StringComparison.Ordinal) == colon)
        {
            text = text[..colon];
        }

        return IPAddress.TryParse(text, out var address) ? address.ToString() : null;
    }
}
