using Mamori.Web.Features.Operators;
using Mamori.Web.Features.Regions;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Vendors;

/// <summary>A local IT company that takes on-site dispatches (駆け付け, R-6.4) for an operator.</summary>
public sealed class Vendor : IVendorRoot
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public required string Name { get; set; }

    public Prefecture Prefecture { get; set; }

    /// <summary>The prefectures it will drive to.</summary>
    public List<Prefecture> CoveragePrefectures { get; set; } = [];

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }
}

internal sealed class VendorConfiguration : IEntityTypeConfiguration<Vendor>
{
    public void Configure(EntityTypeBuilder<Vendor> builder)
    {
        builder.ToTable("Vendors");
        builder.Property(v => v.Name).HasMaxLength(200);
        builder.Property(v => v.ContactEmail).HasMaxLength(256);
        builder.Property(v => v.ContactPhone).HasMaxLength(32);
        builder.PrimitiveCollection(v => v.CoveragePrefectures);
        builder.HasOne<OperatorOrganisation>().WithMany().HasForeignKey(v => v.OperatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.OperatorId, v.Name }).IsUnique();
    }
}
