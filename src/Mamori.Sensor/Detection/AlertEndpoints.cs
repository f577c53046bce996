using System.Globalization;
using System.Net;

namespace Mamori.Sensor.Detection;

/// <summary>Small helpers that turn flow endpoints into alert endpoints and words.</summary>
public static class AlertEndpoints
{
    /// <summary>Endpoint with address and port.</summary>
    public static AlertEndpoint From(IPEndPoint? endPoint, string? name = null) =>
        endPoint is null ? new AlertEndpoint(null, null, name) : new AlertEndpoint(endPoint.Address.ToString(), endPoint.Port, name);

    /// <summary>Endpoint with address only.</summary>
    public static AlertEndpoint Host(IPAddress? address, string? name = null) => new(address?.ToString(), null, name);

    /// <summary>"3 min", "45 s", "2 h" for evidence sentences.</summary>
    public static string Span(TimeSpan span)
    {
        if (span.TotalSeconds < 120)
        {
            return ((long)Math.Round(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + " s";
        }

        if (span.TotalMinutes < 120)
        {
            return ((long)Math.Round(span.TotalMinutes)).ToString(CultureInfo.InvariantCulture) + " min";
        }

        return ((long)Math.Round(span.TotalHours)).ToString(CultureInfo.InvariantCulture) + " h";
    }
}
