using Xunit;

namespace Mamori.Lab;

/// <summary>
/// A fact that needs the attack lab: skipped, with the reason, when this machine cannot run the
/// named scenarios (not root, or a tool missing: the reason names its Debian package), unless
/// MAMORI_TEST_REQUIRE_ALL=1, in which case the test runs and fails with that reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LabFactAttribute : FactAttribute
{
    /// <param name="scenarios">The scenarios the test reads, e.g. <c>"bruteforce-ftp"</c>.</param>
    public LabFactAttribute(params string[] scenarios)
    {
        Scenarios = scenarios;
        Skip = LabSkip.Reason(scenarios, []);
    }

    private string[] _tools = [];

    public IReadOnlyList<string> Scenarios { get; }

    /// <summary>Extra tools the test itself runs, as <c>command:package</c> (e.g. <c>tshark:tshark</c>).</summary>
    public string[] Tools
    {
        get => _tools;
        set
        {
            _tools = value;
            Skip = LabSkip.Reason(Scenarios, value);
        }
    }
}

/// <summary>The theory counterpart of <see cref="LabFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LabTheoryAttribute : TheoryAttribute
{
    public LabTheoryAttribute(params string[] scenarios)
    {
        Scenarios = scenarios;
        Skip = LabSkip.Reason(scenarios, []);
    }

    private string[] _tools = [];

    public IReadOnlyList<string> Scenarios { get; }

    /// <summary>Extra tools the test itself runs, as <c>command:package</c>.</summary>
    public string[] Tools
    {
        get => _tools;
        set
        {
            _tools = value;
            Skip = LabSkip.Reason(Scenarios, value);
        }
    }
}

internal static class LabSkip
{
    public static string? Reason(IEnumerable<string> scenarios, IEnumerable<string> tools)
    {
        if (LabEnvironment.RequireAll)
        {
            return null;
        }

        var extra = tools.Select(t => LabRequirement.ParseScript("# requires: " + t)[0]);
        try
        {
            // A scenario already recorded for the current scripts needs neither root nor its tools.
            return LabEnvironment.UnavailableReason(scenarios.Where(s => !LabCaptures.IsCached(s)), extra);
        }
        catch (ArgumentException)
        {
            // An unknown scenario name: let the test run and fail in LabCaptures.Get with the list
            // of known names, rather than hide a typo behind a skip.
            return null;
        }
    }
}
