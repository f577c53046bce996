using System.Security.Cryptography;
using System.Text;

namespace Mamori.Sensor.Shipping;

/// <summary>Name-based ids: the same name always gives the same <see cref="Guid"/> (SHA-256, RFC 9562 version-5 layout).</summary>
public static class StableId
{
    public static Guid Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
