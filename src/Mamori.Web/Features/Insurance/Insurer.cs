using Mamori.Web.Features.Operators;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Insurance;

/// <summary>The insurance company behind an operator's two-tier cover .</summary>
public sealed class Insurer : IOperatorOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public required string Name { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }
}

internal sealed class InsurerConfiguration : IEntityTypeConfiguration<Insurer>
{
    public void Configure(EntityTypeBuilder<Insurer> builder)
    {
        builder.ToTable("Insurers");
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.ContactEmail).HasMaxLength(256);
        builder.Property(i => i.ContactPhone).HasMaxLength(32);
        builder.HasOne<OperatorOrganisation>().WithMany().HasForeignKey(i => i.OperatorId).OnDelete(DeleteBehavior.Restrict);
    }
}
