using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Dispatch;

/// <summary>What the vendor did on site; the member confirms it.</summary>
public sealed class Visit : IVendorShared
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int? VendorId { get; set; }

    public int DispatchId { get; set; }

    public VisitKind Kind { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    public required string WorkDone { get; set; }

    /// <summary>The vendor's charge in yen, tax included.</summary>
    public long CostYen { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public string? ConfirmedBy { get; set; }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.ToTable("Visits");
        builder.Property(v => v.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(v => v.WorkDone).HasMaxLength(4000);
        builder.Property(v => v.ConfirmedBy).HasMaxLength(100);
        builder.HasOne<DispatchRequest>().WithMany().HasForeignKey(v => v.DispatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => v.DispatchId).IsUnique();
    }
}
