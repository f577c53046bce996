namespace Mamori.Web.Features.Devices;

/// <summary>
/// The one way a device is named to people (notices, incidents, the inventory):
/// the company's name for it, who uses it and where it stands when the name does not already say so,
/// and the host name in brackets, e.g. <c>経理の山田さんのノートPC (FMV-A123)</c> or
/// <c>複合機 · 2階 事務室 (BRN3C2AF4)</c>. Falls back to the host name, the MAC or the IP.
/// </summary>
public static class DeviceDisplayName
{
    public static string For(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Format(device.Name, device.UsedBy, device.Location, device.HostName, device.MacAddress, device.IpAddress);
    }

    public static string Format(string? name, string? usedBy, string? location, string? hostName, string? macAddress = null, string? ipAddress = null)
    {
        var core = Clean(name) ?? Clean(hostName) ?? Clean(macAddress) ?? Clean(ipAddress) ?? "?";
        var parts = new List<string> { core };
        foreach (var extra in new[] { Clean(usedBy), Clean(location) })
        {
            if (extra is not null && !core.Contains(extra, StringComparison.OrdinalIgnoreCase))
            {
                parts.Add(extra);
            }
        }

        var text = string.Join(" · ", parts);
        var host = Clean(hostName);
        return host is not null && !core.Contains(host, StringComparison.OrdinalIgnoreCase) ? $"{text} ({host})" : text;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
