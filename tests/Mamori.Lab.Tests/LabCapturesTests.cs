using Mamori.Lab;

namespace Mamori.Lab.Tests;

public class LabCapturesTests
{
    [Fact]
    public void ScriptHash_SameScenario_IsStable()
    {
        Assert.Equal(LabCaptures.ScriptHash("dns-basic"), LabCaptures.ScriptHash("dns-basic"));
    }

    [Fact]
    public void ScriptHash_DifferentScenarios_Differ()
    {
        Assert.NotEqual(LabCaptures.ScriptHash("dns-basic"), LabCaptures.ScriptHash("http-basic"));
    }

    [Fact]
    public void CacheDirectoryFor_Scenario_IsUnderArtifactsLab()
    {
        var directory = LabCaptures.CacheDirectoryFor("synflood");

        Assert.Equal(Path.Combine(LabEnvironment.RepositoryRoot, "artifacts", "lab"), Path.GetDirectoryName(directory));
        Assert.StartsWith("synflood-", Path.GetFileName(directory), StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UnknownScenario_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => LabCaptures.Get("no-such-scenario"));
    }

    [Fact]
    public void File_UnknownKey_ThrowsListingKnownKeys()
    {
        var capture = new LabCapture("s", "/tmp", LabTruth.Parse("""{ "scenario": "s", "files": { "feodo": "s.feodo.txt" } }"""));

        Assert.Equal(Path.Combine("/tmp", "s.feodo.txt"), capture.File("feodo"));
        var error = Assert.Throws<KeyNotFoundException>(() => capture.File("urlhaus"));
        Assert.Contains("feodo", error.Message, StringComparison.Ordinal);
    }
}
