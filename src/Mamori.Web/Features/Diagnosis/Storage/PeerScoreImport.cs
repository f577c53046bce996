using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Operators;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Diagnosis.Storage;

/// <summary>
/// Anonymous scores of an earlier programme year's participant (e.g. the pilot's companies), which
/// an operator loads so that peer averages have enough companies from the first year on. Each
/// row counts as one company.
/// </summary>
public sealed class PeerScoreImport : IOperatorOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    /// <summary>Where the row comes from, e.g. 2025年度 実証事業.</summary>
    public required string Source { get; set; }

    public Industry Industry { get; set; }

    public DateOnly AnsweredOn { get; set; }

    public required string ScoresJson { get; set; }
}

internal sealed class PeerScoreImportConfiguration : IEntityTypeConfiguration<PeerScoreImport>
{
    public void Configure(EntityTypeBuilder<PeerScoreImport> builder)
    {
        builder.ToTable("PeerScoreImports");
        builder.Property(p => p.Source).HasMaxLength(100);
        builder.Property(p => p.Industry).HasConversion<string>().HasMaxLength(40);
        builder.HasOne<OperatorOrganisation>().WithMany().HasForeignKey(p => p.OperatorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.OperatorId);
    }
}
