using System.Globalization;
using Mamori.Lab;
using Mamori.Sensor.Detection;

namespace Mamori.Sensor.Tests.Lab;

/// <summary>How one alert was judged against a scenario's ground truth.</summary>
public enum AlertVerdict
{
    /// <summary>Matches an alert the truth expects: a true positive.</summary>
    Expected,

    /// <summary>
    /// The same DNS-borne finding seen on the lab resolver's upstream leg (the resolver relays the
    /// attacker's queries): neither right nor wrong about the attacker, so left out of precision.
    /// </summary>
    Relayed,

    /// <summary>Not in the truth: a false positive.</summary>
    Unexpected,
}

/// <summary>
/// Matches alerts with the alerts a lab scenario's truth file expects (type, attacker, victim and
/// port). An alert may name its destination by DNS name instead of address (a look-up of a listed
/// C&amp;C name, a DGA domain, a tunnel's domain): it then matches when the capture shows the
/// attacker resolving that name at, or to, the expected victim.
/// </summary>
public static class LabAlertMatcher
{
    private static readonly HashSet<AlertType> s_dnsBorne = [AlertType.DnsTunneling, AlertType.DgaC2];

    /// <summary>Whether <paramref name="alert"/> is the expected one.</summary>
    public static bool Matches(Alert alert, ExpectedAlert expected, IReadOnlyList<DnsLookup> lookups)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(expected);
        if (AlertCatalog.IdOf(alert.Type) != expected.Type || alert.Src.Ip != expected.Src)
        {
            return false;
        }

        if (expected.Dst is null)
        {
            // A horizontal scan: many victims, so the alert names none.
            return alert.Dst?.Ip is null;
        }

        if (alert.Dst is null
            || (expected.DstPort is { } port && alert.Dst.Port is { } alertPort && alertPort != 0 && alertPort != port))
        {
            return false;
        }

        return alert.Dst.Ip == expected.Dst || ResolvedVia(alert.Dst.Name, expected.Src, expected.Dst, lookups);
    }

    /// <summary>Judges one alert against every alert the truth expects.</summary>
    public static AlertVerdict Judge(Alert alert, LabTruth truth, IReadOnlyList<DnsLookup> lookups)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(truth);
        if (truth.Alerts.Any(e => Matches(alert, e, lookups)))
        {
            return AlertVerdict.Expected;
        }

        var relayed = s_dnsBorne.Contains(alert.Type) && truth.Alerts.Any(e =>
            e.Type == AlertCatalog.IdOf(alert.Type) && e.Dst is not null && alert.Src.Ip == e.Dst
            && lookups.Any(l => l.Client == e.Src && l.Server == e.Dst && Covers(alert.Dst?.Name, l.Query)));
        return relayed ? AlertVerdict.Relayed : AlertVerdict.Unexpected;
    }

    /// <summary>One line: "high dga_c2 10.0.0.1 -> 10.0.0.2:53 (name) x40".</summary>
    public static string Describe(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var dst = alert.Dst is null ? "-" : $"{alert.Dst.Ip}:{alert.Dst.Port} ({alert.Dst.Name})";
        return string.Create(CultureInfo.InvariantCulture,
            $"{AlertExplanations.Severity(alert.Severity, "en")} {AlertCatalog.IdOf(alert.Type)} {alert.Src.Ip} -> {dst} x{alert.Count}: {alert.Evidence}");
    }

    /// <summary>One line for an expected alert.</summary>
    public static string Describe(ExpectedAlert expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return $"{expected.Type} {expected.Src} -> {expected.Dst ?? "(many hosts)"}:{expected.DstPort}";
    }

    private static bool ResolvedVia(string? name, string client, string victim, IReadOnlyList<DnsLookup> lookups) =>
        lookups.Any(l => l.Client == client && Covers(name, l.Query) && (l.Server == victim || l.Answers.Contains(victim)));

    /// <summary>Whether <paramref name="query"/> is <paramref name="name"/> or one of its subdomains.</summary>
    private static bool Covers(string? name, string query)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        name = name.TrimEnd('.');
        return query.Equals(name, StringComparison.OrdinalIgnoreCase)
            || query.EndsWith("." + name, StringComparison.OrdinalIgnoreCase);
    }
}
