using System.Numerics;

namespace Mamori.Sensor.Detection;

/// <summary>
/// Counts distinct values (ports, hosts, user names, subdomains) in bounded memory: exactly up
/// to <see cref="ExactLimit"/> values, then by linear counting over a 4096-bit bitmap
/// (Whang et al., "A linear-time probabilistic counting algorithm", 1990), accurate to a few
/// percent up to about ten thousand values. Thresholds below the exact limit are exact.
/// </summary>
public sealed class DistinctCounter
{
    /// <summary>Values counted exactly before switching to the estimate.</summary>
    public const int ExactLimit = 64;

    private const int Bits = 4096;
    private readonly ulong[] _bitmap = new ulong[Bits / 64];
    private HashSet<int>? _exact = [];

    /// <summary>Adds a value by its hash; returns true when it was (probably) new.</summary>
    public bool Add(int hash)
    {
        var mixed = Mix(hash);
        var bit = (int)(mixed & (Bits - 1));
        ref var word = ref _bitmap[bit >> 6];
        var mask = 1UL << (bit & 63);
        var bitWasNew = (word & mask) == 0;
        word |= mask;
        if (_exact is not null)
        {
            var added = _exact.Add(hash);
            if (_exact.Count > ExactLimit)
            {
                _exact = null;
            }

            return added;
        }

        return bitWasNew;
    }

    /// <summary>Adds a string (ordinal, case-sensitive).</summary>
    public bool Add(ReadOnlySpan<char> value) => Add(string.GetHashCode(value));

    /// <summary>Distinct values seen (exact when small, estimated when large).</summary>
    public int Count
    {
        get
        {
            if (_exact is not null)
            {
                return _exact.Count;
            }

            var set = 0;
            foreach (var word in _bitmap)
            {
                set += BitOperations.PopCount(word);
            }

            var zeros = Bits - set;
            if (zeros == 0)
            {
                zeros = 1;
            }

            return (int)Math.Round(-Bits * Math.Log((double)zeros / Bits));
        }
    }

    /// <summary>Forgets every value.</summary>
    public void Clear()
    {
        Array.Clear(_bitmap);
        if (_exact is null)
        {
            _exact = [];
        }
        else
        {
            _exact.Clear();
        }
    }

    private static ulong Mix(int hash)
    {
        // splitmix64 finaliser: spreads string hash codes evenly over the bitmap.
        var z = (ulong)(uint)hash + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
