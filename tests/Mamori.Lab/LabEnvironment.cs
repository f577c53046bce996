namespace Mamori.Lab;

/// <summary>Where the lab lives and whether this machine can run it.</summary>
public static class LabEnvironment
{
    /// <summary>Set to 1 to turn every lab skip into a failure (CI that must exercise the lab).</summary>
    public const string RequireAllVariable = "MAMORI_TEST_REQUIRE_ALL";

    /// <summary>Tools every scenario needs besides the ones its script declares.</summary>
    public static IReadOnlyList<LabRequirement> BaseRequirements { get; } =
    [
        new("bash", "bash"),
        new("ip", "iproute2"),
        new("tcpdump", "tcpdump"),
        new("timeout", "coreutils"),
        new("jq", "jq"),
    ];

    private static readonly Lazy<string> s_repositoryRoot = new(FindRepositoryRoot);

    /// <summary>The checkout holding Mamori.slnx (override with MAMORI_REPO_ROOT).</summary>
    public static string RepositoryRoot => s_repositoryRoot.Value;

    /// <summary><c>tests/lab</c>: lab.sh, its helpers and <c>scenarios/</c>.</summary>
    public static string LabDirectory => Path.Combine(RepositoryRoot, "tests", "lab");

    /// <summary><c>artifacts/lab</c>: captures cached per scenario and script hash.</summary>
    public static string CacheDirectory => Path.Combine(RepositoryRoot, "artifacts", "lab");

    public static bool RequireAll => Environment.GetEnvironmentVariable(RequireAllVariable) == "1";

    /// <summary>Names of every scenario script, sorted.</summary>
    public static IReadOnlyList<string> ScenarioNames() =>
        Directory.GetFiles(Path.Combine(LabDirectory, "scenarios"), "*.sh")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static string ScenarioPath(string scenario)
    {
        var path = Path.Combine(LabDirectory, "scenarios", scenario + ".sh");
        return File.Exists(path)
            ? path
            : throw new ArgumentException($"There is no lab scenario '{scenario}' ({path}). Known: {string.Join(", ", ScenarioNames())}.", nameof(scenario));
    }

    /// <summary>The tools a scenario script declares in its <c># requires: command:package ...</c> lines.</summary>
    public static IReadOnlyList<LabRequirement> ScenarioRequirements(string scenario) =>
        LabRequirement.ParseScript(File.ReadAllText(ScenarioPath(scenario)));

    /// <summary>
    /// Null when this machine can run the scenarios (root on Linux, every tool present) and has the
    /// extra tools; otherwise why not, naming the Debian package of each missing tool. Root and the
    /// base tools are needed only when <paramref name="scenarios"/> is not empty.
    /// </summary>
    public static string? UnavailableReason(IEnumerable<string> scenarios, IEnumerable<LabRequirement>? extraTools = null) =>
        UnavailableReason(scenarios, extraTools, IsToolInstalled);

    internal static string? UnavailableReason(
        IEnumerable<string> scenarios, IEnumerable<LabRequirement>? extraTools, Func<string, bool> isInstalled)
    {
        var scenarioList = scenarios.ToList();
        if (scenarioList.Count > 0 && !OperatingSystem.IsLinux())
        {
            return "The attack lab needs Linux network namespaces.";
        }

        var problems = new List<string>();
        if (scenarioList.Count > 0 && !Environment.IsPrivilegedProcess)
        {
            problems.Add("not root: the lab creates network namespaces (run the tests as root)");
        }

        var required = (scenarioList.Count > 0 ? BaseRequirements : [])
            .Concat(scenarioList.SelectMany(ScenarioRequirements))
            .Concat(extraTools ?? [])
            .DistinctBy(r => r.Command);
        var missing = required.Where(r => !isInstalled(r.Command)).ToList();
        if (missing.Count > 0)
        {
            problems.Add("missing " + string.Join(", ", missing.Select(r => $"'{r.Command}' (Debian package {r.Package})"))
                + "; install with: sudo tests/lab/install-deps.sh");
        }

        return problems.Count == 0 ? null : "Attack lab unavailable: " + string.Join("; ", problems) + ".";
    }

    /// <summary>Whether a command is on PATH or in the sbin directories (where Debian puts daemons).</summary>
    public static bool IsToolInstalled(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/local/sbin"])
            .Any(dir => File.Exists(Path.Combine(dir, command)));
    }

    private static string FindRepositoryRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("MAMORI_REPO_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mamori.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Cannot find the repository root (a directory with Mamori.slnx) above {AppContext.BaseDirectory}; set MAMORI_REPO_ROOT.");
    }
}

/// <summary>A command a scenario runs and the Debian package that provides it.</summary>
public sealed record LabRequirement(string Command, string Package)
{
    private const string Marker = "# requires:";

    public static IReadOnlyList<LabRequirement> ParseScript(string script)
    {
        var requirements = new List<LabRequirement>();
        foreach (var line in script.Split('\n'))
        {
            if (!line.StartsWith(Marker, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var item in line[Marker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var colon = item.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || colon == item.Length - 1)
                {
                    throw new FormatException($"'{item}' in '{line.Trim()}' is not command:package.");
                }

                requirements.Add(new LabRequirement(item[..colon], item[(colon + 1)..]));
            }
        }

        return requirements;
    }
}
