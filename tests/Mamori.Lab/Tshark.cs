using System.Globalization;

namespace Mamori.Lab;

/// <summary>
/// tshark (Debian package tshark) as the reference decoder: lab sanity checks and differential tests
/// of Mamori's parsers run it on the lab captures.
/// </summary>
public static class Tshark
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    /// <summary>How many packets of <paramref name="pcap"/> match the display filter.</summary>
    public static int Count(string pcap, string displayFilter) =>
        Fields(pcap, displayFilter, "frame.number").Count;

    /// <summary>
    /// One row per packet matching <paramref name="displayFilter"/> with the values of
    /// <paramref name="fields"/> (empty string when absent; several occurrences joined by commas).
    /// </summary>
    public static IReadOnlyList<string[]> Fields(string pcap, string displayFilter, params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var arguments = new List<string> { "-n", "-r", pcap, "-Y", displayFilter, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a" };
        foreach (var field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        var result = ProcessRunner.Run("tshark", arguments, s_timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"tshark exited with {result.ExitCode} on {pcap} (filter '{displayFilter}'): {result.StderrTail(10)}"));
        }

        return result.Stdout.Select(line => line.Split('\t')).ToArray();
    }
}
