namespace Mamori.Web.Features.Devices;

/// <summary>What an observation says about the device: operating system, software and kind.</summary>
public sealed record DeviceHint(string? Os, string? Software, DeviceKind? Kind);

/// <summary>
/// Reads operating system and software hints from a DHCP vendor class (option 60) and an HTTP
/// User-Agent, and guesses the kind of device from them and the maker. Hints, not facts: a company
/// can always correct the kind.
/// </summary>
public static class DeviceHints
{
    // Makers whose MA-L prefixes are (almost) only printers or NAS boxes in a small office.
    private static readonly string[] s_printerMakers = ["Brother", "Canon", "Seiko Epson", "EPSON", "KYOCERA", "Ricoh", "RICOH", "Sharp", "SHARP", "FUJIFILM Business", "Fuji Xerox", "Konica Minolta", "KONICA MINOLTA", "Lexmark", "Xerox"];
    private static readonly string[] s_nasMakers = ["Synology", "QNAP", "BUFFALO", "Buffalo", "I-O DATA", "I-O Data"];
    private static readonly string[] s_networkMakers = ["Yamaha", "YAMAHA", "NEC Platforms", "Allied Telesis", "Cisco", "Juniper", "Fortinet", "Ubiquiti", "NETGEAR", "TP-LINK", "TP-Link", "ELECOM"];

    /// <summary>DHCP option 60: "MSFT 5.0" (Windows), "android-dhcp-13", "dhcpcd-9.4.1:Linux-...", "udhcp 1.36".</summary>
    public static DeviceHint FromVendorClass(string? vendorClass)
    {
        if (string.IsNullOrWhiteSpace(vendorClass))
        {
            return new DeviceHint(null, null, null);
        }

        var v = vendorClass.Trim();
        if (v.StartsWith("MSFT", StringComparison.OrdinalIgnoreCase))
        {
            return new DeviceHint("Windows", null, DeviceKind.Pc);
        }

        if (v.StartsWith("android-dhcp", StringComparison.OrdinalIgnoreCase))
        {
            var version = v.Length > "android-dhcp-".Length ? v["android-dhcp-".Length..] : null;
            return new DeviceHint(version is { Length: > 0 } && char.IsDigit(version[0]) ? "Android " + version : "Android", null, DeviceKind.Smartphone);
        }

        if (v.StartsWith("dhcpcd", StringComparison.OrdinalIgnoreCase))
        {
            // dhcpcd-<version>:<OS>-<release>:<arch>:<platform>; Android before 10 used it too.
            return new DeviceHint("Linux", v.Split(':')[0], null);
        }

        if (v.StartsWith("udhcp", StringComparison.OrdinalIgnoreCase))
        {
            return new DeviceHint("Linux (embedded)", v, null);
        }

        return new DeviceHint(null, v, null);
    }

    /// <summary>An HTTP User-Agent: the platform in its comment and the browser's token.</summary>
    public static DeviceHint FromUserAgent(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return new DeviceHint(null, null, null);
        }

        var ua = userAgent;
        string? os = null;
        DeviceKind? kind = null;
        if (Has(ua, "iPhone") || Has(ua, "iPad"))
        {
            os = "iOS";
            kind = DeviceKind.Smartphone;
        }
        else if (Has(ua, "Android"))
        {
            os = "Android";
            kind = Has(ua, "Mobile") ? DeviceKind.Smartphone : null;
        }
        else if (Has(ua, "Windows NT") || Has(ua, "Windows"))
        {
            os = "Windows";
            kind = DeviceKind.Pc;
        }
        else if (Has(ua, "Macintosh") || Has(ua, "Mac OS X"))
        {
            os = "macOS";
            kind = DeviceKind.Pc;
        }
        else if (Has(ua, "CrOS"))
        {
            os = "ChromeOS";
            kind = DeviceKind.Pc;
        }
        else if (Has(ua, "Linux") || Has(ua, "X11"))
        {
            os = "Linux";
        }

        // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
        string? browser =
            Has(ua, "Edg/") ? "Edge"
            : Has(ua, "OPR/") ? "Opera"
            : Has(ua, "Firefox/") ? "Firefox"
            : Has(ua, "Chrome/") || Has(ua, "CriOS/") ? "Chrome"
            : Has(ua, "Safari/") ? "Safari"
            : Has(ua, "Trident/") ? "Internet Explorer"
            : null;
        return new DeviceHint(os, browser, kind);
    }

    /// <summary>The kind a maker's name suggests (printer makers, NAS makers, routers), if any.</summary>
    public static DeviceKind? FromVendor(string? vendor)
    {
        if (string.IsNullOrEmpty(vendor))
        {
            return null;
        }

        if (s_printerMakers.Any(m => vendor.StartsWith(m, StringComparison.OrdinalIgnoreCase)))
        {
            return DeviceKind.Printer;
        }

        if (s_nasMakers.Any(m => vendor.StartsWith(m, StringComparison.OrdinalIgnoreCase)))
        {
            return DeviceKind.Server;
        }

        return s_networkMakers.Any(m => vendor.StartsWith(m, StringComparison.OrdinalIgnoreCase)) ? DeviceKind.NetworkEquipment : null;
    }

    /// <summary>The kind names suggest: mDNS printer services, "iPhone" in a name, NAS names.</summary>
    public static DeviceKind? FromNames(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (Has(name, "_ipp") || Has(name, "_printer") || Has(name, "_pdl-datastream"))
            {
                return DeviceKind.Printer;
            }

            if (Has(name, "iPhone") || Has(name, "Galaxy") || Has(name, "Pixel") || Has(name, "Xperia") || Has(name, "AQUOS"))
            {
                return DeviceKind.Smartphone;
            }

            if (Has(name, "NAS") || Has(name, "LinkStation") || Has(name, "TeraStation"))
            {
                return DeviceKind.Server;
            }
        }

        return null;
    }

    private static bool Has(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);
}
