using Mamori.Web.Features.Devices;

namespace Mamori.Web.Features.Notices;

/// <summary>
/// How a notice names a device: by its inventory entry (<see cref="DeviceDisplayName"/>, e.g.
/// 「経理の山田さんのノートPC (FMV-A123)」); a device not in the inventory by its IP address, said so.
/// </summary>
public static class DeviceLabel
{
    public static string Format(Device? device, string? ip, string language)
    {
        var english = string.Equals(language, "en", StringComparison.OrdinalIgnoreCase);
        if (device is null)
        {
            return ip is null
                ? (english ? "a device not yet in your inventory" : "台帳に未登録の機器")
                : (english ? $"the device at {ip} (not yet in your inventory)" : $"IP アドレス {ip} の機器（台帳に未登録）");
        }

        return DeviceDisplayName.For(device);
    }
}
