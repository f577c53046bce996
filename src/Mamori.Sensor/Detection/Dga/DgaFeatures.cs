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

    /// <summary>Fills the dense features.</summary>
    public static void Dense(ReadOnlySpan<char> label, Span<float> features)
    {
        var vowels = 0;
        var digits = 0;
        var hyphens = 0;
        var run = 0;
        var longestRun = 0;
        Span<bool> seen = stackalloc bool[128];
        seen.Clear();
        var distinct = 0;
        foreach (var c in label)
        {
            var isVowel = c is 'a' or 'e' or 'i' or 'o' or 'u';
            var isDigit = char.IsAsciiDigit(c);
            if (isVowel)
            {
                vowels++;
            }

            if (isDigit)
            {
                digits++;
            }

            if (c == '-')
            {
                hyphens++;
            }

            run = char.IsAsciiLetter(c) && !isVowel && c != 'y' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
            if (c < 128 && !seen[c])
            {
                seen[c] = true;
                distinct++;
            }
        }

        float length = Math.Max(1, label.Length);
        features[0] = label.Length / 20f;
        features[1] = (float)DomainNames.Entropy(label) / 4f;
        features[2] = vowels / length;
        features[3] = digits / length;
        features[4] = hyphens / length;
        features[5] = longestRun / 10f;
        features[6] = distinct / length;
        features[7] = label.Length >= 12 ? 1f : 0f;
    }

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
