namespace Mamori.Lab;

/// <summary>One scenario's recorded capture and the facts the scenario knows to be true about it.</summary>
/// <param name="Scenario">The scenario name, e.g. <c>bruteforce-ftp</c>.</param>
/// <param name="Directory">The cache directory holding the capture, the truth file and any side files.</param>
/// <param name="Truth">The parsed <c>NAME.truth.json</c>.</param>
public sealed record LabCapture(string Scenario, string Directory, LabTruth Truth)
{
    /// <summary>The pcap written by tcpdump on the lab bridge (every host's traffic, once).</summary>
    public string PcapPath => Path.Combine(Directory, Scenario + ".pcap");

    /// <summary>The ground-truth JSON file.</summary>
    public string TruthPath => Path.Combine(Directory, Scenario + ".truth.json");

    /// <summary>
    /// A side file the scenario wrote beside the capture and named in the truth's <c>files</c> map,
    /// e.g. <c>File("feodo")</c> for intel-hits' Feodo-style IP list.
    /// </summary>
    public string File(string key) =>
        Truth.Files.TryGetValue(key, out var name)
            ? Path.Combine(Directory, name)
            : throw new KeyNotFoundException($"Scenario '{Scenario}' wrote no file '{key}' (it has: {string.Join(", ", Truth.Files.Keys)}).");
}
