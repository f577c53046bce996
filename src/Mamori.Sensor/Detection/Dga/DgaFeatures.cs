namespace Mamori.Sensor.Detection.Dga;

/// <summary>
/// Lexical features of a domain name for the DGA model, computed without allocating: hashed
/// character 1–4-grams of the registered label (with ^ and $ marking its ends), a hashed token
/// for the public suffix, and a few dense shape features (length, entropy, vowel, digit and
/// hyphen ratios, longest consonant run, distinct-character ratio).
/// </summary>
public static class DgaFeatures
{
    /// <summary>Number of dense features.</summary>
    public const int DenseCount = 8;

    /// <summary>Longest label considered (DNS labels are at most 63 characters).</summary>
    public const int MaxLabel = 63;

    /// <summary>Gets the lowercase registered label and suffix of a name into caller buffers.</summary>
    /// <returns>False when the name has no dot (single-label names are not scored).</returns>
    public static bool TrySplit(ReadOnlySpan<char> name, Span<char> label, out int labelLength, Span<char> suffix, out int suffixLength)
    {
        labelLength = suffixLength = 0;
        var registered = DomainNames.RegisteredDomain(name);
        var dot = registered.IndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        var rawLabel = registered[..dot];
        var rawSuffix = registered[(dot + 1)..];
        labelLength = Math.Min(rawLabel.Length, Math.Min(MaxLabel, label.Length));
        suffixLength = Math.Min(rawSuffix.Length, suffix.Length);
        rawLabel[..labelLength].ToLowerInvariant(label);
        rawSuffix[..suffixLength].ToLowerInvariant(suffix);
        return true;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> for every hashed sparse feature (bucket index below
    /// 2^<paramref name="bucketBits"/>), as a struct callback so the scorer does not allocate.
    /// </summary>
    public static void VisitSparse<TVisitor>(ReadOnlySpan<char> label, ReadOnlySpan<char> suffix, int bucketBits, ref TVisitor visit)
        where TVisitor : struct, ISparseVisitor
    {
        var mask = (1u << bucketBits) - 1;
        var length = label.Length + 2;
        for (var start = 0; start < length; start++)
        {
            var hash = 2166136261u;
            for (var n = 0; n < 4 && start + n < length; n++)
            {
                var c = CharAt(label, start + n);
                hash = (hash ^ c) * 16777619u;
                // Mix the gram length in so "ab" and "ab$" family members do not share a bucket by accident.
                var bucket = Finalize(hash + (uint)n * 0x9E3779B9u) & mask;
                visit.Visit((int)bucket);
            }
        }

        var tld = 0x811C9DC5u ^ 0xA5A5A5A5u;
        foreach (var c in suffix)
        {
            tld = (tld ^ c) * 16777619u;
        }

        visit.Visit((int)(Finalize(tld) & mask));
    }

    /// <summary>Fills the dense features (one pass over the label, no allocation).</summary>
    public static void Dense(ReadOnlySpan<char> label, Span<float> features)
    {
        var vowels = 0;
        var digits = 0;
        var hyphens = 0;
        var run = 0;
        var longestRun = 0;
        // Slots: a-z 0-25, 0-9 26-35, '-' 36, anything else 37.
        Span<byte> counts = stackalloc byte[Slots];
        counts.Clear();
        foreach (var c in label)
        {
            int slot;
            if (char.IsAsciiLetterLower(c))
            {
                slot = c - 'a';
                var isVowel = c is 'a' or 'e' or 'i' or 'o' or 'u';
                vowels += isVowel ? 1 : 0;
                run = isVowel || c == 'y' ? 0 : run + 1;
            }
            else
            {
                run = 0;
                if (char.IsAsciiDigit(c))
                {
                    slot = 26 + c - '0';
                    digits++;
                }
                else if (c == '-')
                {
                    slot = 36;
                    hyphens++;
                }
                else
                {
                    slot = 37;
                }
            }

            longestRun = Math.Max(longestRun, run);
            counts[slot]++;
        }

        var distinct = 0;
        var sumNLogN = 0f;
        foreach (var n in counts)
        {
            if (n > 0)
            {
                distinct++;
                sumNLogN += NLog2N(n);
            }
        }

        var length = label.Length;
        float safeLength = Math.Max(1, length);
        // Shannon entropy H = log2(L) - (1/L) * sum(c * log2 c).
        var entropy = length == 0 ? 0f : MathF.Log2(length) - sumNLogN / length;
        features[0] = length / 20f;
        features[1] = entropy / 4f;
        features[2] = vowels / safeLength;
        features[3] = digits / safeLength;
        features[4] = hyphens / safeLength;
        features[5] = longestRun / 10f;
        features[6] = distinct / safeLength;
        features[7] = length >= 12 ? 1f : 0f;
    }

    private const int Slots = 38;

    private static readonly float[] s_nLog2N = [.. Enumerable.Range(0, MaxLabel + 1).Select(n => n == 0 ? 0f : (float)(n * Math.Log2(n)))];

    private static float NLog2N(int n) => (uint)n < (uint)s_nLog2N.Length ? s_nLog2N[n] : n * MathF.Log2(n);

    private static uint CharAt(ReadOnlySpan<char> label, int index) =>
        index == 0 ? '^' : index == label.Length + 1 ? '$' : label[index - 1];

    private static uint Finalize(uint h)
    {
        h ^= h >> 16;
        h *= 0x7FEB352Du;
        h ^= h >> 15;
        h *= 0x846CA68Bu;
        return h ^ (h >> 16);
    }
}

/// <summary>Receives hashed sparse feature indices.</summary>
public interface ISparseVisitor
{
    /// <summary>One occurrence of a feature.</summary>
    void Visit(int bucket);
}
