using System.Globalization;

namespace Mamori.Sensor.Detection.Dga;

/// <summary>One labelled name of the training file.</summary>
/// <param name="Domain">Full domain name.</param>
/// <param name="Family">DGA family, or "benign".</param>
/// <param name="IsDga">True for generated names.</param>
public sealed record DgaSample(string Domain, string Family, bool IsDga);

/// <summary>Held-out measurement of a model.</summary>
/// <param name="Auc">Area under the ROC curve.</param>
/// <param name="Precision">Precision at the model's threshold.</param>
/// <param name="Recall">Recall at the model's threshold.</param>
/// <param name="FalsePositiveRate">Benign names called generated, at the threshold.</param>
/// <param name="Positives">Generated names evaluated.</param>
/// <param name="Negatives">Benign names evaluated.</param>
public readonly record struct DgaEvaluation(double Auc, double Precision, double Recall, double FalsePositiveRate, int Positives, int Negatives);

/// <summary>
/// Trains the lexical DGA model: logistic regression by AdaGrad SGD with L2, over hashed
/// n-grams and dense features. Deterministic for a given seed. The split holds out whole DGA
/// families, so the reported AUC is for malware the model has never seen.
/// </summary>
public static class DgaTrainer
{
    /// <summary>Reads the training CSV (label,family,domain with a header line); bad lines are counted and skipped.</summary>
    public static IReadOnlyList<DgaSample> ReadCsv(TextReader reader, out int skipped)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var samples = new List<DgaSample>();
        skipped = 0;
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (header)
            {
                header = false;
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length != 3 || parts[2].Length == 0 || parts[0] is not ("dga" or "benign"))
            {
                skipped++;
                continue;
            }

            samples.Add(new DgaSample(parts[2].Trim().ToLowerInvariant(), parts[1], parts[0] == "dga"));
        }

        return samples;
    }

    /// <summary>
    /// Chooses a quarter of the DGA families (at least one) to hold out, deterministically for a seed.
    /// </summary>
    public static IReadOnlyList<string> ChooseHeldOutFamilies(IEnumerable<DgaSample> samples, int seed, double share = 0.25)
    {
        var families = samples.Where(s => s.IsDga).Select(s => s.Family).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(families);
        var take = Math.Max(1, (int)Math.Round(families.Length * share));
        return [.. families.Take(take).Order(StringComparer.Ordinal)];
    }

    /// <summary>True when a benign name is in the held-out benign fifth (stable across runs and machines).</summary>
    public static bool IsHeldOutBenign(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var hash = 2166136261u;
        foreach (var c in domain)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash % 5 == 0;
    }

    /// <summary>Splits samples: held-out families and held-out benign names go to the test side.</summary>
    public static (List<DgaSample> Train, List<DgaSample> Test) Split(IEnumerable<DgaSample> samples, IReadOnlyCollection<string> heldOutFamilies)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var held = new HashSet<string>(heldOutFamilies, StringComparer.Ordinal);
        var train = new List<DgaSample>();
        var test = new List<DgaSample>();
        foreach (var s in samples)
        {
            var isTest = s.IsDga ? held.Contains(s.Family) : IsHeldOutBenign(s.Domain);
            (isTest ? test : train).Add(s);
        }

        return (train, test);
    }

    /// <summary>Trains a model. The threshold is set so that at most <paramref name="targetFalsePositiveRate"/> of benign training names score above it.</summary>
    public static DgaModel Train(IReadOnlyList<DgaSample> samples, int bucketBits = 16, int epochs = 12, int seed = 42,
        double learningRate = 0.05, double l2 = 1e-4, double targetFalsePositiveRate = 0.01, string notes = "", float? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var buckets = new float[1 << bucketBits];
        var bucketGrad = new float[buckets.Length];
        var dense = new float[DgaFeatures.DenseCount];
        var denseGrad = new float[dense.Length];
        float bias = 0;
        float biasGrad = 0;

        var prepared = samples.Select(s => Prepare(s, bucketBits)).Where(p => p.Buckets.Length > 0).ToArray();
        var order = Enumerable.Range(0, prepared.Length).ToArray();
        var random = new Random(seed);
        // Benign and generated names are imbalanced per family; weight the classes equally overall.
        var positives = prepared.Count(p => p.IsDga);
        var negatives = prepared.Length - positives;
        var positiveWeight = positives == 0 ? 1 : (float)prepared.Length / (2 * positives);
        var negativeWeight = negatives == 0 ? 1 : (float)prepared.Length / (2 * negatives);

        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var p = prepared[index];
                var z = bias;
                foreach (var b in p.Buckets)
                {
                    z += buckets[b];
                }

                for (var i = 0; i < dense.Length; i++)
                {
                    z += dense[i] * p.Dense[i];
                }

                var predicted = 1f / (1f + MathF.Exp(-z));
                var error = (predicted - (p.IsDga ? 1f : 0f)) * (p.IsDga ? positiveWeight : negativeWeight);

                biasGrad += error * error;
                bias -= (float)(learningRate * error / Math.Sqrt(biasGrad + 1e-8));
                foreach (var b in p.Buckets)
                {
                    var g = error + (float)(l2 * buckets[b]);
                    bucketGrad[b] += g * g;
                    buckets[b] -= (float)(learningRate * g / Math.Sqrt(bucketGrad[b] + 1e-8));
                }

                for (var i = 0; i < dense.Length; i++)
                {
                    var g = error * p.Dense[i] + (float)(l2 * dense[i]);
                    denseGrad[i] += g * g;
                    dense[i] -= (float)(learningRate * g / Math.Sqrt(denseGrad[i] + 1e-8));
                }
            }
        }

        // Quantise as the file will, then choose the threshold on the benign training scores.
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = (float)(Half)buckets[i];
        }

        var draft = new DgaModel(bucketBits, buckets, dense, bias, 0.5f, notes);
        return new DgaModel(bucketBits, buckets, dense, bias, threshold ?? ThresholdFor(draft, samples, targetFalsePositiveRate), notes);
    }

    /// <summary>The score above which at most <paramref name="falsePositiveRate"/> of the benign <paramref name="samples"/> fall.</summary>
    public static float ThresholdFor(DgaModel model, IEnumerable<DgaSample> samples, double falsePositiveRate)
    {
        ArgumentNullException.ThrowIfNull(model);
        var benign = samples.Where(s => !s.IsDga).Select(s => model.Score(s.Domain)).Where(s => s >= 0).Order().ToArray();
        if (benign.Length == 0)
        {
            return 0.5f;
        }

        var index = Math.Min(benign.Length - 1, (int)Math.Ceiling(benign.Length * (1 - falsePositiveRate)));
        return Math.Max(0.5f, benign[index]);
    }

    /// <summary>AUC and precision/recall at the model's threshold.</summary>
    public static DgaEvaluation Evaluate(DgaModel model, IEnumerable<DgaSample> samples)
    {
        ArgumentNullException.ThrowIfNull(model);
        var scored = samples.Select(s => (Score: model.Score(s.Domain), s.IsDga)).Where(s => s.Score >= 0).ToList();
        var tp = scored.Count(s => s.IsDga && s.Score >= model.Threshold);
        var fp = scored.Count(s => !s.IsDga && s.Score >= model.Threshold);
        var positives = scored.Count(s => s.IsDga);
        var negatives = scored.Count - positives;
        return new DgaEvaluation(
            Auc(scored),
            tp + fp == 0 ? 0 : (double)tp / (tp + fp),
            positives == 0 ? 0 : (double)tp / positives,
            negatives == 0 ? 0 : (double)fp / negatives,
            positives,
            negatives);
    }

    /// <summary>Area under the ROC curve by the rank-sum (Mann–Whitney) formula, ties averaged.</summary>
    public static double Auc(IReadOnlyList<(float Score, bool IsDga)> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var sorted = scored.OrderBy(s => s.Score).ToArray();
        double rankSum = 0;
        long positives = 0;
        var i = 0;
        while (i < sorted.Length)
        {
            var j = i;
            while (j < sorted.Length && sorted[j].Score == sorted[i].Score)
            {
                j++;
            }

            var averageRank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (sorted[k].IsDga)
                {
                    rankSum += averageRank;
                    positives++;
                }
            }

            i = j;
        }

        var negatives = sorted.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    /// <summary>Formats an evaluation line.</summary>
    public static string Describe(DgaEvaluation e) => string.Create(CultureInfo.InvariantCulture,
        $"AUC {e.Auc:0.0000}, precision {e.Precision:0.000}, recall {e.Recall:0.000}, false-positive rate {e.FalsePositiveRate:0.0000} ({e.Positives} generated, {e.Negatives} benign)");

    private static Prepared Prepare(DgaSample sample, int bucketBits)
    {
        Span<char> label = stackalloc char[DgaFeatures.MaxLabel];
        Span<char> suffix = stackalloc char[32];
        if (!DgaFeatures.TrySplit(sample.Domain, label, out var ll, suffix, out var sl))
        {
            return new Prepared([], [], sample.IsDga);
        }

        var collector = new Collector(new List<int>(64));
        DgaFeatures.VisitSparse(label[..ll], suffix[..sl], bucketBits, ref collector);
        var dense = new float[DgaFeatures.DenseCount];
        DgaFeatures.Dense(label[..ll], dense);
        return new Prepared([.. collector.Items], dense, sample.IsDga);
    }

    private sealed record Prepared(int[] Buckets, float[] Dense, bool IsDga);

    private readonly struct Collector(List<int> items) : ISparseVisitor
    {
        public List<int> Items { get; } = items;

        public void Visit(int bucket) => Items.Add(bucket);
    }
}
