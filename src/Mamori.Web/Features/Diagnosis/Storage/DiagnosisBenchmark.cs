using System.Text.Json;
using Mamori.Web.Features.Companies;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Diagnosis.Storage;

/// <summary>
/// The benchmark scores of one submitted diagnosis (<see cref="DiagnosisResult.BenchmarkScores"/>),
/// kept with the company's industry at that time so peer averages need no re-scoring. A member
/// reads other companies' rows only through <see cref="PeerScores.LoadAsync"/>, which returns averages'
/// inputs and never names a company.
/// </summary>
public sealed class DiagnosisBenchmark : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int DiagnosisRecordId { get; set; }

    public DiagnosisRecord? DiagnosisRecord { get; set; }

    public Industry Industry { get; set; }

    public DateOnly AnsweredOn { get; set; }

    /// <summary>Key → score (categories and groups 0–100, <c>selfcheck.total</c> −25..100).</summary>
    public required string ScoresJson { get; set; }

    public IReadOnlyDictionary<string, double> Scores => ReadScores(ScoresJson);

    public static string WriteScores(IReadOnlyDictionary<string, double> scores) =>
        JsonSerializer.Serialize(new SortedDictionary<string, double>(scores.ToDictionary(s => s.Key, s => s.Value), StringComparer.Ordinal));

    public static IReadOnlyDictionary<string, double> ReadScores(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(json) is { } d
            ? new Dictionary<string, double>(d, StringComparer.Ordinal)
            : new Dictionary<string, double>(StringComparer.Ordinal);
}

internal sealed class DiagnosisBenchmarkConfiguration : IEntityTypeConfiguration<DiagnosisBenchmark>
{
    public void Configure(EntityTypeBuilder<DiagnosisBenchmark> builder)
    {
        builder.ToTable("DiagnosisBenchmarks");
        builder.Property(b => b.Industry).HasConversion<string>().HasMaxLength(40);
        builder.Ignore(b => b.Scores);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(b => b.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(b => b.DiagnosisRecord).WithMany().HasForeignKey(b => b.DiagnosisRecordId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => b.DiagnosisRecordId).IsUnique();
        builder.HasIndex(b => new { b.CompanyId, b.AnsweredOn });
    }
}
