namespace Mamori.Web.Tests.TestSupport;

/// <summary>
/// A fact that needs programs or files from Debian packages. Skipped with the reason when they
/// are missing on a developer's machine; when <c>MAMORI_TEST_REQUIRE_ALL=1</c> (set by
/// run-tests.sh and CI) it runs anyway and fails, so nothing is skipped silently there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolsFactAttribute : FactAttribute
{
    public RequiresToolsFactAttribute(params string[] paths)
    {
        var missing = paths.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0 && Environment.GetEnvironmentVariable("MAMORI_TEST_REQUIRE_ALL") != "1")
        {
            Skip = $"needs {string.Join(", ", missing)} (run ./run-tests.sh to install)";
        }
    }
}
