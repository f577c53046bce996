using System.Globalization;
using System.Resources;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Features.Sites;
using Mamori.Web.Infrastructure.Localization;

namespace Mamori.Web.Tests.Infrastructure.Localization;

public sealed class SharedResourceTests
{
    private static readonly ResourceManager s_resources = new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    [Fact]
    public void Resources_JapaneseAndEnglish_HaveTheSameKeys()
    {
        var ja = Keys("ja");
        var en = Keys("en");

        Assert.True(ja.Count > 50, $"only {ja.Count} Japanese strings");
        Assert.Empty(ja.Except(en));
        Assert.Empty(en.Except(ja));
    }

    [Fact]
    public void Resources_EveryEnumValueShownOnPages_HasALabelInBothLanguages()
    {
        var keys = Labels<Industry>().Concat(Labels<EmployeeBand>()).Concat(Labels<CapitalBand>())
            .Concat(Labels<SiteKind>()).Concat(Labels<SensorStatus>()).Concat(Labels<DeviceKind>()).ToList();

        foreach (var culture in new[] { "ja", "en" })
        {
            var available = Keys(culture);
            Assert.All(keys, key => Assert.Contains(key, available));
        }
    }

    [Fact]
    public void Resources_Japanese_UseTheSeedsIndustryNames()
    {
        var ja = CultureInfo.GetCultureInfo("ja");

        Assert.Equal("金融・保険業", s_resources.GetString("Industry.FinanceInsurance", ja));
        Assert.Equal("その他のサービス業", s_resources.GetString("Industry.OtherServices", ja));
    }

    private static IEnumerable<string> Labels<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => $"{typeof(TEnum).Name}.{v}");

    private static HashSet<string> Keys(string culture)
    {
        var set = s_resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"no {culture} resources");
        return [.. set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key)];
    }
}
