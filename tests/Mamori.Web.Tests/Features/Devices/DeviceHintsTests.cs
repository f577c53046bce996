using Mamori.Web.Features.Devices;
using Mamori.Web.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Tests.Features.Devices;

public sealed class DeviceHintsTests
{
    [Theory]
    [InlineData("MSFT 5.0", "Windows", null, DeviceKind.Pc)]
    [InlineData("android-dhcp-13", "Android 13", null, DeviceKind.Smartphone)]
    [InlineData("dhcpcd-9.4.1:Linux-6.1.0:x86_64:GenuineIntel", "Linux", "dhcpcd-9.4.1", null)]
    [InlineData("udhcp 1.36.1", "Linux (embedded)", "udhcp 1.36.1", null)]
    [InlineData("Cisco Systems, Inc. IP Phone", null, "Cisco Systems, Inc. IP Phone", null)]
    [InlineData("", null, null, null)]
    public void FromVendorClass_KnownClients(string vendorClass, string? os, string? software, DeviceKind? kind) =>
        Assert.Equal(new DeviceHint(os, software, kind), DeviceHints.FromVendorClass(vendorClass));

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Windows", "Chrome", DeviceKind.Pc)]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "macOS", "Safari", DeviceKind.Pc)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "iOS", "Safari", DeviceKind.Smartphone)]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Android", "Chrome", DeviceKind.Smartphone)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Linux", "Firefox", null)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Windows", "Edge", DeviceKind.Pc)]
    public void FromUserAgent_PlatformAndBrowser(string userAgent, string? os, string? browser, DeviceKind? kind) =>
        Assert.Equal(new DeviceHint(os, browser, kind), DeviceHints.FromUserAgent(userAgent));

    [Theory]
    [InlineData("00:1B:21:aa:bb:cc", "00:1b:21:aa:bb:cc", false)]
    [InlineData("00-1b-21-AA-BB-CC", "00:1b:21:aa:bb:cc", false)]
    [InlineData("001b.21aa.bbcc", "00:1b:21:aa:bb:cc", false)]
    [InlineData("da:a1:19:33:44:55", "da:a1:19:33:44:55", true)]
    [InlineData("02:4d:41:01:00:0a", "02:4d:41:01:00:0a", true)]
    public void MacAddress_NormalizedAndRandomDetected(string text, string normalized, bool random)
    {
        Assert.Equal(normalized, MacAddress.Normalize(text));
        Assert.Equal(random, MacAddress.IsLocallyAdministered(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00:1b:21:aa:bb")]
    [InlineData("00:1b:21:aa:bb:cc:dd")]
    [InlineData("00:1b:21:aa:bb:zz")]
    public void MacAddress_Malformed_IsNull(string text) => Assert.Null(MacAddress.Normalize(text));

    [Fact]
    public void OuiRegistry_Parse_KeepsLargeBlocksOnlyAndQuotedNames()
    {
        var table = OuiRegistry.Parse(new StringReader(DeviceTestContext.OuiCsv));
        Assert.Equal(3, table.Count);
        Assert.Equal("Brother industries, LTD.", table[0x008077]);
    }

    [Fact]
    public void OuiRegistry_MissingFile_VendorUnknown()
    {
        var registry = new OuiRegistry(Options.Create(new DeviceInventoryOptions { OuiFile = "/nonexistent/oui.csv" }), NullLogger<OuiRegistry>.Instance);
        Assert.Null(registry.Lookup("00:1b:21:aa:bb:cc"));
        Assert.Equal(0, registry.Count);
    }

    [RequiresToolsFact("/usr/share/ieee-data/oui.csv")]
    public void OuiRegistry_DebianRegistry_KnowsCommonMakers()
    {
        var registry = new OuiRegistry(Options.Create(new DeviceInventoryOptions()), NullLogger<OuiRegistry>.Instance);
        Assert.True(registry.Count > 30_000, registry.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("Brother", registry.Lookup("00:80:77:01:02:03"), StringComparison.OrdinalIgnoreCase);
        Assert.Null(registry.Lookup("da:a1:19:33:44:55"));
    }

    [Theory]
    [InlineData("経理の山田さんのノートPC", "山田", null, "FMV-A123", "経理の山田さんのノートPC (FMV-A123)")]
    [InlineData("複合機", null, "2階 事務室", "BRN3C2AF4", "複合機 · 2階 事務室 (BRN3C2AF4)")]
    [InlineData("ノートPC", "山田 花子", "経理室", null, "ノートPC · 山田 花子 · 経理室")]
    [InlineData("FMV-A123", null, null, "fmv-a123", "FMV-A123")]
    [InlineData("", null, null, "DESKTOP-1", "DESKTOP-1")]
    public void DisplayName_NameOwnerLocationAndHost(string name, string? usedBy, string? location, string? host, string expected) =>
        Assert.Equal(expected, DeviceDisplayName.Format(name, usedBy, location, host));
}
