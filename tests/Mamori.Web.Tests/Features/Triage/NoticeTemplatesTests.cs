using Mamori.Sensor.Detection;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Notices;

namespace Mamori.Web.Tests.Features.Triage;

/// <summary>Every alert type has a complete notice template in Japanese and English .</summary>
public sealed class NoticeTemplatesTests
{
    public static TheoryData<AlertType, string> EveryTypeAndLanguage()
    {
        var data = new TheoryData<AlertType, string>();
        foreach (var type in Enum.GetValues<AlertType>())
        {
            data.Add(type, "ja");
            data.Add(type, "en");
        }

        return data;
    }

    [Fact]
    public void EveryTypeAndLanguage_CoversAllFifteenTypes() =>
        Assert.Equal(15 * 2, EveryTypeAndLanguage().Count);

    [Theory]
    [MemberData(nameof(EveryTypeAndLanguage))]
    public void For_EveryAlertType_HasAllFourPartsInThatLanguage(AlertType type, string language)
    {
        var t = NoticeTemplates.For(type, language);

        foreach (var part in new[] { t.Title, t.WhatHappened, t.WhyItMatters, t.WhatToDo })
        {
            Assert.False(string.IsNullOrWhiteSpace(part), $"{type}/{language} has an empty part");
            Assert.Equal(language == "ja", part.Any(IsJapanese));
        }

        Assert.NotEqual(t.Title, type.ToString());
        Assert.Equal(4, new[] { t.Title, t.WhatHappened, t.WhyItMatters, t.WhatToDo }.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(EveryTypeAndLanguage))]
    public void IncidentText_NamesDeviceAndHelpDesk_IpOnlyAsDetail(AlertType type, string language)
    {
        var device = new Device { Name = "経理のノートPC", UsedBy = "山田", HostName = "FMV-A123" };
        var label = DeviceLabel.Format(device, "192.168.1.23", language);
        var contact = new HelpDeskContact("東北サイバー安全推進機構", "022-000-1234", "office@tohoku-cyber.example");

        var (subject, body) = NoticeText.Incident(type, AlertSeverity.High, "株式会社青葉商事", label, "192.168.1.23", "evil.example", DateTimeOffset.UnixEpoch, contact, language);

        Assert.Contains("経理のノートPC", subject);
        Assert.Contains("FMV-A123", body);
        Assert.Contains("022-000-1234", body);
        Assert.Contains("office@tohoku-cyber.example", body);
        Assert.Contains(NoticeTemplates.For(type, language).WhyItMatters, body);
        Assert.Contains(NoticeTemplates.For(type, language).WhatToDo, body);
        Assert.True(body.IndexOf("経理のノートPC", StringComparison.Ordinal) < body.IndexOf("192.168.1.23", StringComparison.Ordinal), "the device comes before its IP");
        Assert.DoesNotContain("192.168.1.23", subject);
        Assert.Contains("evil[.]example", body);
    }

    [Fact]
    public void DeviceLabel_KnownDevice_InventoryDisplayName() =>
        Assert.Equal("経理のノートPC · 山田 (FMV-A123)", DeviceLabel.Format(new Device { Name = "経理のノートPC", UsedBy = "山田", HostName = "FMV-A123" }, "10.0.0.5", "ja"));

    [Fact]
    public void DeviceLabel_UnknownDevice_FallsBackToIp() =>
        Assert.Equal("IP アドレス 10.0.0.5 の機器（台帳に未登録）", DeviceLabel.Format(null, "10.0.0.5", "ja"));

    [Theory]
    [InlineData(AlertType.PlaintextPassword, true)]
    [InlineData(AlertType.PrivilegedAccount, true)]
    [InlineData(AlertType.BannedSoftware, true)]
    [InlineData(AlertType.PhishingSite, false)]
    [InlineData(AlertType.KnownC2, false)]
    public void IsUndesirableOperation_OnlyTheThreeOperations(AlertType type, bool expected) =>
        Assert.Equal(expected, NoticeTemplates.IsUndesirableOperation(type));

    private static bool IsJapanese(char c) => c is >= '\u3040' and <= '\u30ff' or >= '\u4e00' and <= '\u9fff';
}
