using Mamori.Web.Features.Dispatch;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Insurance;

/// <summary>
/// A claim against one policy. <see cref="ExceedsLimit"/> is set when the amount was more than
/// what was left of the limit; <see cref="CoveredYen"/> is then capped at what was left, so the
/// remaining limit never goes below zero.
/// </summary>
public sealed class InsuranceClaim : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int PolicyId { get; set; }

    public int? DispatchId { get; set; }

    public ClaimStatus Status { get; set; } = ClaimStatus.Filed;

    public DateOnly IncurredOn { get; set; }

    public long AmountYen { get; set; }

    /// <summary>The part of the amount the remaining limit covers.</summary>
    public long CoveredYen { get; set; }

    public bool ExceedsLimit { get; set; }

    public required string Description { get; set; }

    public DateTimeOffset FiledAt { get; set; }
}

public enum ClaimStatus
{
    Filed = 1,
    Approved = 2,
    Paid = 3,
    Rejected = 4,
}

internal sealed class InsuranceClaimConfiguration : IEntityTypeConfiguration<InsuranceClaim>
{
    public void Configure(EntityTypeBuilder<InsuranceClaim> builder)
    {
        builder.ToTable("InsuranceClaims");
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Description).HasMaxLength(2000);
        builder.HasOne<InsurancePolicy>().WithMany().HasForeignKey(c => c.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DispatchRequest>().WithMany().HasForeignKey(c => c.DispatchId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => c.PolicyId);
    }
}
