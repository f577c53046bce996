using Mamori.Web.Features.Devices;

namespace Mamori.Web.Features.Notices;

/// <summary>
/// How a notice names a device (R-5.5): by its inventory entry, who uses it and its host name, e.g.
/// 「経理のパソコン（山田 太郎さん使用・FMV-A123）」; the IP address only as a secondary detail.
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

        var details = new List<string>(2);
        if (!string.IsNullOrWhiteSpace(device.UsedBy))
        {
            details.Add(english ? "used by " + device.UsedBy : device.UsedBy + " さん使用");
        }

        if (!string.IsNullOrWhiteSpace(device.HostName))
        {
            details.Add(device.HostName);
        }

        if (details.Count == 0)
        {
            return device.Name;
        }

        return english
            ? $"{device.Name} ({string.Join(", ", details)})"
            : $"{device.Name}（{string.Join("・", details)}）";
    }
}
