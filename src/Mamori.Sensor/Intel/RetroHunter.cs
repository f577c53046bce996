using Mamori.Sensor.Detection;
using Mamori.Sensor.Detection.ThreatIntel;

namespace Mamori.Sensor.Intel;

/// <summary>
/// Retro-hunt: when a feed adds indicators, look for them in the stored observations (names,
/// URLs, addresses seen before the feed knew them) and raise the alerts that would have fired.
/// </summary>
public static class RetroHunter
{
    /// <summary>Alerts for stored contacts that match any of <paramref name="added"/>.</summary>
    public static IReadOnlyList<Alert> Hunt(IEnumerable<Observation> observations, IEnumerable<Indicator> added)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var set = new ThreatIntelSet(added);
        var alerts = new List<Alert>();
        if (set.Count == 0)
        {
            return alerts;
        }

        foreach (var o in observations)
        {
            Indicator? hit;
            string action;
            AlertEndpoint dst;
            switch (o.Kind)
            {
                case ObservationKind.Ip:
                    hit = System.Net.IPAddress.TryParse(o.Value, out var ip) ? set.MatchIp(ip) : null;
                    action = "connected to " + o.Value;
                    dst = new AlertEndpoint(o.Value);
                    break;
                case ObservationKind.Name:
                    hit = set.MatchName(o.Value);
                    action = "looked up or visited " + o.Value;
                    dst = new AlertEndpoint(null, null, o.Value);
                    break;
                default:
                    var slash = o.Value.IndexOf('/', StringComparison.Ordinal);
                    var host = slash < 0 ? o.Value : o.Value[..slash];
                    hit = set.MatchHttp(host, slash < 0 ? "/" : o.Value[slash..]);
                    action = "requested http://" + o.Value;
                    dst = new AlertEndpoint(null, null, IntelNormalizer.StripPort(host));
                    break;
            }

            if (hit is not null)
            {
                alerts.Add(ThreatIntelDetector.ToAlert(hit, o.Client, dst, action, o.FirstSeen, o.LastSeen, o.Count, retro: true));
            }
        }

        return alerts;
    }
}
