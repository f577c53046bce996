using Mamori.Web.Features.Operators;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Diagnosis.Storage;

/// <summary>A national reference value (e.g. from an IPA survey) an operator entered for one benchmark key.</summary>
public sealed class NationalReferenceValue : IOperatorOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public required string Key { get; set; }

    public double Value { get; set; }
}

internal sealed class NationalReferenceValueConfiguration : IEntityTypeConfiguration<NationalReferenceValue>
{
    public void Configure(EntityTypeBuilder<NationalReferenceValue> builder)
    {
        builder.ToTable("NationalReferenceValues");
        builder.Property(n => n.Key).HasMaxLength(64);
        builder.HasOne<OperatorOrganisation>().WithMany().HasForeignKey(n => n.OperatorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.OperatorId, n.Key }).IsUnique();
    }
}
