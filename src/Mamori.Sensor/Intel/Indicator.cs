using System.Text.Json.Serialization;

namespace Mamori.Sensor.Intel;

/// <summary>What an indicator names.</summary>
public enum IndicatorKind
{
    /// <summary>An IPv4 or IPv6 address.</summary>
    Ip,
    /// <summary>A domain: matches the name and every name below it.</summary>
    Domain,
    /// <summary>A host name: matches that exact name only.</summary>
    Hostname,
    /// <summary>A URL: matches an HTTP request for the same host and path (and query).</summary>
    Url,
}

/// <summary>What an indicator means for the alert type.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IntelCategory>))]
public enum IntelCategory
{
    /// <summary>Command and control server → known_c2.</summary>
    [JsonStringEnumMemberName("c2")] C2,
    /// <summary>Malware distribution → malware_site.</summary>
    [JsonStringEnumMemberName("malware_site")] MalwareSite,
    /// <summary>Phishing → phishing_site.</summary>
    [JsonStringEnumMemberName("phishing")] Phishing,
}

/// <summary>One indicator of compromise from a feed.</summary>
/// <param name="Kind">What the value names.</param>
/// <param name="Value">Normalised value (lowercase name, canonical address, normalised URL).</param>
/// <param name="Category">c2, malware_site or phishing.</param>
/// <param name="Source">Feed name ("feodotracker", "urlhaus", ...).</param>
/// <param name="Description">Malware family or threat name where the feed gives one.</param>
public sealed record Indicator(IndicatorKind Kind, string Value, IntelCategory Category, string Source, string? Description = null);
