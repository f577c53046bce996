using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mamori.Lab;

/// <summary>
/// Runs lab scenarios (<c>tests/lab/scenarios/NAME.sh</c>) and hands out their captures. Each scenario
/// runs at most once per version of the lab scripts: the result is cached under
/// <c>artifacts/lab/NAME-HASH/</c>, where HASH covers the scenario and the shared lab files.
/// </summary>
/// <example><code>
/// var capture = LabCaptures.Get("bruteforce-ftp");
/// var alerts = Analyze(capture.PcapPath);
/// Assert.Contains(alerts, a => a.Type == "brute_force_success" &amp;&amp; a.Src == capture.Truth.Attacker);
/// </code></example>
public static class LabCaptures
{
    private static readonly TimeSpan s_scenarioTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan s_lockTimeout = TimeSpan.FromMinutes(15);
    private static readonly ConcurrentDictionary<string, Lazy<LabCapture>> s_captures = new(StringComparer.Ordinal);
    private static readonly Lock s_runGate = new();

    /// <summary>
    /// The capture of <paramref name="scenario"/>, running it first when the cache has no capture for
    /// the current scripts. Throws <see cref="LabUnavailableException"/> when not root or a tool is
    /// missing, and <see cref="InvalidOperationException"/> with the scenario's log when it fails.
    /// </summary>
    public static LabCapture Get(string scenario)
    {
        ArgumentException.ThrowIfNullOrEmpty(scenario);
        _ = LabEnvironment.ScenarioPath(scenario); // unknown names fail fast, and are not cached
        return s_captures.GetOrAdd(scenario, name => new Lazy<LabCapture>(() => Produce(name))).Value;
    }

    /// <summary>Whether the cache holds a recording of <paramref name="scenario"/> for the current scripts.</summary>
    public static bool IsCached(string scenario) => TryLoad(scenario, CacheDirectoryFor(scenario)) is not null;

    /// <summary>The cache directory the current scripts map <paramref name="scenario"/> to.</summary>
    public static string CacheDirectoryFor(string scenario) =>
        Path.Combine(LabEnvironment.CacheDirectory, $"{scenario}-{ScriptHash(scenario)}");

    /// <summary>
    /// SHA-256 (hex, 16 digits) of the scenario script and every shared lab file (lab.sh, helpers,
    /// install-deps.sh; not the Markdown docs), so that editing any of them re-records the capture.
    /// </summary>
    public static string ScriptHash(string scenario)
    {
        var lab = LabEnvironment.LabDirectory;
        var shared = Directory.GetFiles(lab, "*", SearchOption.TopDirectoryOnly)
            .Where(f => !f.EndsWith(".md", StringComparison.Ordinal)); // documentation changes no packet
        var files = shared.Append(LabEnvironment.ScenarioPath(scenario))
            .Select(f => (Name: Path.GetRelativePath(lab, f).Replace('\\', '/'), Path: f))
            .OrderBy(f => f.Name, StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, path) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name + "\0"));
            hash.AppendData(File.ReadAllBytes(path));
            hash.AppendData("\0"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static LabCapture Produce(string scenario)
    {
        var target = CacheDirectoryFor(scenario);
        if (TryLoad(scenario, target) is { } cached)
        {
            return cached;
        }

        if (LabEnvironment.UnavailableReason([scenario]) is { } reason)
        {
            throw new LabUnavailableException($"Cannot record lab scenario '{scenario}'. {reason}");
        }

        // One scenario at a time on the machine: they are bounded in time, but a SYN flood or a scan
        // next to another recording could make tcpdump drop packets, which the lab refuses.
        lock (s_runGate)
        {
            Directory.CreateDirectory(LabEnvironment.CacheDirectory);
            using var machineLock = AcquireMachineLock();
            if (TryLoad(scenario, target) is { } recordedMeanwhile)
            {
                return recordedMeanwhile;
            }

            return Record(scenario, target);
        }
    }

    private static LabCapture Record(string scenario, string target)
    {
        ProcessResult? last = null;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            if (attempt > 1)
            {
                // A failure is most often a load spike from the tests running beside the lab: let it pass.
                Thread.Sleep(TimeSpan.FromSeconds(5));
            }

            var staging = Path.Combine(LabEnvironment.CacheDirectory, $".staging-{scenario}-{Guid.NewGuid():N}");
            try
            {
                last = ProcessRunner.Run(
                    "bash",
                    [Path.Combine(LabEnvironment.LabDirectory, "lab.sh"), "run", scenario, staging],
                    s_scenarioTimeout,
                    new Dictionary<string, string> { ["LAB_SCENARIO_TIMEOUT"] = "180" });
                if (last.ExitCode == 3)
                {
                    throw new LabUnavailableException($"Cannot record lab scenario '{scenario}': {last.StderrTail(10)}");
                }

                if (last.ExitCode == 0)
                {
                    if (Directory.Exists(target))
                    {
                        Directory.Delete(target, recursive: true);
                    }

                    Directory.Move(staging, target);
                    RemoveStaleRecordings(scenario, target);
                    return TryLoad(scenario, target)
                        ?? throw new InvalidOperationException($"Lab scenario '{scenario}' succeeded but left no capture and truth in {target}.");
                }
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
        }

        var status = last!.TimedOut
            ? string.Create(CultureInfo.InvariantCulture, $"timed out after {s_scenarioTimeout.TotalSeconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"exited with {last.ExitCode}");
        throw new InvalidOperationException(
            $"Lab scenario '{scenario}' failed twice ({status}). Re-run with: sudo bash tests/lab/lab.sh run {scenario} /tmp/lab\n{last.StderrTail()}");
    }

    // Recordings of older script versions are never read again.
    private static void RemoveStaleRecordings(string scenario, string current)
    {
        foreach (var directory in Directory.GetDirectories(LabEnvironment.CacheDirectory, scenario + "-*"))
        {
            var suffix = Path.GetFileName(directory)[(scenario.Length + 1)..];
            if (directory != current && suffix.Length == 16 && suffix.All(char.IsAsciiHexDigitLower))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static LabCapture? TryLoad(string scenario, string directory)
    {
        var pcap = Path.Combine(directory, scenario + ".pcap");
        var truth = Path.Combine(directory, scenario + ".truth.json");
        if (!File.Exists(pcap) || !File.Exists(truth) || new FileInfo(pcap).Length <= 24)
        {
            return null;
        }

        return new LabCapture(scenario, directory, LabTruth.Load(truth));
    }

    private static FileStream AcquireMachineLock()
    {
        // In the temp directory, not the checkout: test runs of several checkouts share the machine.
        var path = Path.Combine(Path.GetTempPath(), "mamori-lab.lock");
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited < s_lockTimeout)
            {
                Thread.Sleep(step);
                waited += step;
            }
        }
    }
}
