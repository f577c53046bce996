using System.Security.Cryptography;

namespace Mamori.Sensor.Flows;

/// <summary>
/// Zeek-style connection uids: "C" followed by 96 pseudo-random bits in base62. Seeded, so a run
/// over the same capture can be made reproducible (tests, diffs) while live sensors use a random seed.
/// </summary>
public sealed class FlowUidGenerator
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int Digits = 17; // 62^17 > 2^96

    private ulong _state;

    /// <summary>Creates a generator; null seeds from the OS random source.</summary>
    public FlowUidGenerator(ulong? seed = null)
    {
        _state = seed ?? BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
    }

    /// <summary>Returns the next uid.</summary>
    public string Next()
    {
        var value = (UInt128)NextRandom() << 32 | (uint)NextRandom();
        return string.Create(Digits + 1, value, static (chars, v) =>
        {
            chars[0] = 'C';
            for (var i = chars.Length - 1; i > 0; i--)
            {
                chars[i] = Alphabet[(int)(v % 62)];
                v /= 62;
            }
        });
    }

    // SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and every seed gives a full-period sequence.
    private ulong NextRandom()
    {
        var z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
