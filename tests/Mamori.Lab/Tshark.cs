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
    /// How many packets match each display filter, in one pass over the capture (tshark's io,stat
    /// statistics) rather than one tshark start per filter; a filter holding a comma, which io,stat
    /// would split, is counted on its own.
    /// </summary>
    public static IReadOnlyList<int> CountEach(string pcap, IReadOnlyList<string> displayFilters)
    {
        ArgumentNullException.ThrowIfNull(displayFilters);
        var counts = new int[displayFilters.Count];
        var batch = Enumerable.Range(0, displayFilters.Count).Where(i => !displayFilters[i].Contains(',', StringComparison.Ordinal)).ToArray();
        foreach (var i in Enumerable.Range(0, displayFilters.Count).Except(batch))
        {
            counts[i] = Count(pcap, displayFilters[i]);
        }

        if (batch.Length == 0)
        {
            return counts;
        }

        var statistics = "io,stat,0," + string.Join(',', batch.Select(i => displayFilters[i]));
        var result = ProcessRunner.Run("tshark", ["-n", "-r", pcap, "-q", "-z", statistics], s_timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"tshark exited with {result.ExitCode} on {pcap} ({statistics}): {result.StderrTail(10)}"));
        }

        var frames = ParseIoStatFrames(result.Stdout, batch.Length);
        for (var column = 0; column < batch.Length; column++)
        {
            counts[batch[column]] = frames[column];
        }

        return counts;
    }

    // The io,stat table ends with one data row per interval; with interval 0 there is exactly one:
    // "| 0.000 <> 1.256 |      1 |   171 |      2 |   559 |" — a Frames and a Bytes cell per filter.
    internal static int[] ParseIoStatFrames(IReadOnlyList<string> output, int columns)
    {
        var row = output.LastOrDefault(line => line.Contains("<>", StringComparison.Ordinal))
            ?? throw new FormatException("tshark io,stat printed no data row:\n" + string.Join('\n', output));
        var cells = row.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (cells.Length != 1 + (2 * columns))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"tshark io,stat row has {cells.Length} cells, expected {1 + (2 * columns)}: {row}"));
        }

        return Enumerable.Range(0, columns)
            .Select(c => int.Parse(cells[1 + (2 * c)], NumberStyles.Integer, CultureInfo.InvariantCulture))
            .ToArray();
    }

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
