using Mamori.Sensor.Detection.Dga;

namespace Mamori.Sensor.Tests.Detection.Dga;

public class DgaModelTests
{
    [Fact]
    public void Shipped_LoadsFromResource_WithSmallFootprintAndNotes()
    {
        var model = DgaModel.Shipped;
        Assert.Equal(16, model.BucketBits);
        Assert.InRange(model.Threshold, 0.5f, 0.99f);
        Assert.Contains("heldout=", model.Notes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("google.com")]
    [InlineData("www.yahoo.co.jp")]
    [InlineData("www.rakuten.co.jp")]
    [InlineData("mail.google.com")]
    [InlineData("www.nikkei.com")]
    [InlineData("www.city.ofunato.iwate.jp")]
    public void Score_KnownBenignNames_BelowThreshold(string name) =>
        Assert.True(DgaModel.Shipped.Score(name) < DgaModel.Shipped.Threshold, $"{name} scored {DgaModel.Shipped.Score(name)}");

    [Theory]
    [InlineData("xjwqkrtzpvbnhm.com")]
    [InlineData("q8z3k1v9w0x7.net")]
    public void Score_ObviousGeneratedNames_AboveThreshold(string name) =>
        Assert.True(DgaModel.Shipped.Score(name) >= DgaModel.Shipped.Threshold, $"{name} scored {DgaModel.Shipped.Score(name)}");

    [Fact]
    public void Score_SingleLabel_IsMinusOne() => Assert.Equal(-1, DgaModel.Shipped.Score("localhost"));

    [Fact]
    public void Score_HeldOutFamiliesNeverSeenInTraining_AucAboveFloor()
    {
        // The shipped model was trained without these families (see its notes). 0.90 is the floor:
        // the training run measured 0.933; below 0.9 the model would be of little use with unseen
        // malware and something has regressed.
        var model = DgaModel.Shipped;
        var heldOut = model.Notes.Split(';').Single(p => p.StartsWith("heldout=", StringComparison.Ordinal))["heldout=".Length..].Split(',');
        using var reader = File.OpenText(Path.Combine(RepositoryRoot(), "data", "dga", "train.csv"));
        var samples = DgaTrainer.ReadCsv(reader, out _);
        var (_, test) = DgaTrainer.Split(samples, heldOut);

        var evaluation = DgaTrainer.Evaluate(model, test);

        Assert.True(evaluation.Auc >= 0.90, DgaTrainer.Describe(evaluation));
        Assert.True(evaluation.Precision >= 0.9, DgaTrainer.Describe(evaluation));
        Assert.True(evaluation.Positives > 1000 && evaluation.Negatives > 1000);
    }

    [Fact]
    public void Score_DoesNotAllocate()
    {
        var model = DgaModel.Shipped;
        for (var i = 0; i < 100; i++) // steady state: first calls may JIT and initialise lazily
        {
            model.Score("warmup-example.com");
            model.Score("xjwqkrtzpvbnhm.co.jp");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        float sum = 0;
        for (var i = 0; i < 1000; i++)
        {
            sum += model.Score("xjwqkrtzpvbnhm.co.jp");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }

    [Fact]
    public void SaveLoad_RoundTrips()
    {
        using var stream = new MemoryStream();
        DgaModel.Shipped.Save(stream);
        stream.Position = 0;
        var copy = DgaModel.Load(stream);
        Assert.Equal(DgaModel.Shipped.Score("abcxyzqwe.com"), copy.Score("abcxyzqwe.com"));
        Assert.Throws<InvalidDataException>(() => DgaModel.Load(new MemoryStream("nope"u8.ToArray())));
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mamori.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found.");
    }
}
