using System.Globalization;
using Mamori.Sensor.Detection.Dga;

// Usage: dotnet run --project tools/Mamori.DgaTrain -- [data/dga/train.csv] [src/Mamori.Sensor/Detection/Dga/Data/dga-model.bin]
//
// 1. Holds out a quarter of the DGA families and every fifth benign name (the test split).
// 2. Inside the rest, holds out another quarter of the families and another fifth of the benign
//    names as a validation split, trains on what remains and sets the threshold at 1 % false
//    positives on the validation benign names (scores on training names are over-confident).
// 3. Trains on the whole training split with that threshold, prints the test-split figures and
//    writes that model: it has never seen the test families, so anyone can re-check the figure.
var root = FindRepositoryRoot();
var csvPath = args.Length > 0 ? args[0] : Path.Combine(root, "data", "dga", "train.csv");
var modelPath = args.Length > 1 ? args[1] : Path.Combine(root, "src", "Mamori.Sensor", "Detection", "Dga", "Data", "dga-model.bin");
const int Seed = 20261122;
const double TargetFalsePositiveRate = 0.01;

using var reader = File.OpenText(csvPath);
var samples = DgaTrainer.ReadCsv(reader, out var skipped);
Console.WriteLine($"Read {samples.Count} names ({samples.Count(s => s.IsDga)} generated, {samples.Count(s => !s.IsDga)} benign), skipped {skipped} bad lines.");

var heldOut = DgaTrainer.ChooseHeldOutFamilies(samples, Seed);
var (train, test) = DgaTrainer.Split(samples, heldOut);
Console.WriteLine($"Held-out families ({heldOut.Count}): {string.Join(", ", heldOut)}");
Console.WriteLine($"Training split {train.Count} names, test split {test.Count} (held-out families + every fifth benign name).");

var validationFamilies = DgaTrainer.ChooseHeldOutFamilies(train, Seed + 1).ToHashSet(StringComparer.Ordinal);
var inner = train.Where(s => s.IsDga ? !validationFamilies.Contains(s.Family) : !IsValidationBenign(s.Domain)).ToList();
var validation = train.Where(s => s.IsDga ? validationFamilies.Contains(s.Family) : IsValidationBenign(s.Domain)).ToList();
var innerModel = DgaTrainer.Train(inner, seed: Seed);
var threshold = DgaTrainer.ThresholdFor(innerModel, validation, TargetFalsePositiveRate);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Threshold {threshold:0.000}: 1 % false positives on {validation.Count(s => !s.IsDga)} validation benign names (validation families: {string.Join(", ", validationFamilies.Order(StringComparer.Ordinal))})"));
var atThreshold = new DgaModel(innerModel.BucketBits, innerModel.Buckets.ToArray(), innerModel.DenseWeights.ToArray(), innerModel.Bias, threshold, "");
Console.WriteLine("Validation: " + DgaTrainer.Describe(DgaTrainer.Evaluate(atThreshold, validation)));

var model = DgaTrainer.Train(train, seed: Seed, threshold: threshold);
var testEval = DgaTrainer.Evaluate(model, test);
Console.WriteLine("Training:   " + DgaTrainer.Describe(DgaTrainer.Evaluate(model, train)));
Console.WriteLine("Held out:   " + DgaTrainer.Describe(testEval));

var notes = string.Create(CultureInfo.InvariantCulture,
    $"seed={Seed};heldout={string.Join(',', heldOut)};benign_holdout=fnv1a%5==0;heldout_auc={testEval.Auc:0.0000};heldout_precision={testEval.Precision:0.000};heldout_recall={testEval.Recall:0.000}");
var shipped = new DgaModel(model.BucketBits, model.Buckets.ToArray(), model.DenseWeights.ToArray(), model.Bias, model.Threshold, notes);
Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);
using (var output = File.Create(modelPath))
{
    shipped.Save(output);
}

Console.WriteLine($"Wrote {modelPath} ({new FileInfo(modelPath).Length / 1024} KB).");
return 0;

// A second, independent fifth of the benign names (the test fifth is already removed).
static bool IsValidationBenign(string domain) => StableHash(domain) % 5 == 0;

static uint StableHash(string text)
{
    var hash = 2166136261u;
    for (var i = text.Length - 1; i >= 0; i--)
    {
        hash = (hash ^ text[i]) * 16777619u;
    }

    return hash;
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Mamori.slnx")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
