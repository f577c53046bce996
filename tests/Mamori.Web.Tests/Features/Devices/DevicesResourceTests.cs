using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Mamori.Web.Features.Devices;
using Mamori.Web.Infrastructure.Localization;

namespace Mamori.Web.Tests.Features.Devices;

public sealed partial class DevicesResourceTests
{
    private static readonly ResourceManager s_resources = new(typeof(DevicesResource).FullName!, typeof(DevicesResource).Assembly);
    private static readonly ResourceManager s_shared = new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    [Fact]
    public void Resources_JapaneseAndEnglish_HaveTheSameKeys()
    {
        var ja = Keys("ja");
        var en = Keys("en");
        Assert.True(ja.Count > 60, $"only {ja.Count} Japanese strings");
        Assert.Empty(ja.Except(en));
        Assert.Empty(en.Except(ja));
    }

    /// <summary>Every error key the handlers can return has a message (read from the source of the feature).</summary>
    [Fact]
    public void Resources_EveryErrorKeyInTheHandlers_HasAMessage()
    {
        var folder = Path.Combine(RepoRoot(), "src", "Mamori.Web", "Features", "Devices");
        var keys = Directory.GetFiles(folder, "*.cs")
            .SelectMany(f => ErrorKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.True(keys.Count > 10, string.Join(",", keys));
        var ja = Keys("ja");
        Assert.All(keys, key => Assert.Contains(key, ja));
    }

    [Fact]
    public void CsvKindLabels_AreThePagesJapaneseLabels()
    {
        var ja = CultureInfo.GetCultureInfo("ja");
        foreach (var (kind, label) in DeviceCsv.KindLabels)
        {
            Assert.Equal(s_shared.GetString("DeviceKind." + kind, ja), label);
            Assert.Equal(kind, DeviceCsv.ParseKind(label));
            Assert.Equal(kind, DeviceCsv.ParseKind(kind.ToString()));
        }

        Assert.Null(DeviceCsv.ParseKind("3"));
    }

    private static HashSet<string> Keys(string culture)
    {
        var set = s_resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"no {culture} resources");
        return [.. set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key)];
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mamori.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Mamori.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""DeviceError\("([A-Za-z]+\.[A-Za-z]+)""")]
    private static partial Regex ErrorKey();
}
