using System.Reflection;
using Mamori.Lab;

namespace Mamori.Lab.Tests;

public class LabEnvironmentTests
{
    [Fact]
    public void ParseScript_RequiresLines_ReturnsCommandsAndPackages()
    {
        const string script = """
            #!/usr/bin/env bash
            # requires: hydra:hydra sshd:openssh-server
            # requires:   dig:bind9-dnsutils
            echo "# requires: not:this"
            """;

        var requirements = LabRequirement.ParseScript(script);

        Assert.Equal(
            [new("hydra", "hydra"), new("sshd", "openssh-server"), new("dig", "bind9-dnsutils")],
            requirements);
    }

    [Fact]
    public void ParseScript_ItemWithoutPackage_Throws()
    {
        Assert.Throws<FormatException>(() => LabRequirement.ParseScript("# requires: hydra"));
    }

    [Fact]
    public void UnavailableReason_MissingTool_NamesDebianPackage()
    {
        var reason = LabEnvironment.UnavailableReason(["bruteforce-ssh"], null, command => command != "hydra");

        Assert.NotNull(reason);
        Assert.Contains("'hydra' (Debian package hydra)", reason, StringComparison.Ordinal);
        Assert.Contains("install-deps.sh", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("'sshd'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnavailableReason_ExtraTool_NamesItsPackage()
    {
        var reason = LabEnvironment.UnavailableReason([], [new("tshark", "tshark")], command => command != "tshark");

        Assert.Contains("'tshark' (Debian package tshark)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnavailableReason_NoScenario_NeedsNeitherRootNorBaseTools()
    {
        var reason = LabEnvironment.UnavailableReason([], [new("tshark", "tshark")], command => command == "tshark");

        Assert.Null(reason);
    }

    [Fact]
    public void UnavailableReason_EverythingInstalled_MentionsOnlyRoot()
    {
        var reason = LabEnvironment.UnavailableReason(LabEnvironment.ScenarioNames(), null, _ => true);

        if (Environment.IsPrivilegedProcess)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.Contains("not root", reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ScenarioRequirements_EveryScenario_DeclaresItsTools()
    {
        var names = LabEnvironment.ScenarioNames();

        Assert.True(names.Count >= 20, $"only {names.Count} scenarios found");
        Assert.All(names, name => Assert.NotEmpty(LabEnvironment.ScenarioRequirements(name)));
    }

    [Fact]
    public void ScenarioNames_EveryScenario_HasASanityTest()
    {
        var tested = typeof(ScenarioTests).GetMethods()
            .Select(m => m.GetCustomAttribute<LabFactAttribute>())
            .OfType<LabFactAttribute>()
            .SelectMany(a => a.Scenarios)
            .ToHashSet(StringComparer.Ordinal);

        var untested = LabEnvironment.ScenarioNames().Except(tested, StringComparer.Ordinal).ToList();
        Assert.True(untested.Count == 0, "scenarios without a test: " + string.Join(", ", untested));
    }

    [Fact]
    public void ScenarioPath_UnknownScenario_ThrowsListingKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => LabEnvironment.ScenarioPath("no-such-scenario"));

        Assert.Contains("dns-basic", error.Message, StringComparison.Ordinal);
    }
}
