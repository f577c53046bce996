using Mamori.Web.Features.Companies;
using Mamori.Web.Features.HelpDesk;
using Mamori.Web.Features.Sites;
using Mamori.Web.Features.Vendors;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Dispatch;

/// <summary>
/// An on-site dispatch (駆け付け, R-6.4) to a company's site, offered to one local vendor at a
/// time. The vendor sees it (and only it) in its portal through <see cref="IVendorShared"/>.
/// </summary>
public sealed class DispatchRequest : IVendorShared
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int SiteId { get; set; }

    public int? InquiryId { get; set; }

    /// <summary>An incident of issue 6; a plain id until incidents exist.</summary>
    public int? IncidentId { get; set; }

    /// <summary>The vendor it is offered to (or that accepted it).</summary>
    public int? VendorId { get; set; }

    public DispatchStatus Status { get; set; } = DispatchStatus.Offered;

    public VisitKind Kind { get; set; }

    /// <summary>Remote response was judged impossible: the tier-1 policy pays the visit.</summary>
    public bool RemoteImpossible { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? RespondedAt { get; set; }

    public string? DeclineReason { get; set; }
}

public enum DispatchStatus
{
    Offered = 1,
    Accepted = 2,
    Declined = 3,
    Visited = 4,
    Confirmed = 5,
}

/// <summary>The three kinds of visit of seed 003 表3.3.2-5.</summary>
public enum VisitKind
{
    InstallationSupport = 1,
    Trouble = 2,
    IncidentResponse = 3,
}

internal sealed class DispatchRequestConfiguration : IEntityTypeConfiguration<DispatchRequest>
{
    public void Configure(EntityTypeBuilder<DispatchRequest> builder)
    {
        builder.ToTable("Dispatches");
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.Reason).HasMaxLength(2000);
        builder.Property(d => d.DeclineReason).HasMaxLength(500);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(d => d.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Inquiry>().WithMany().HasForeignKey(d => d.InquiryId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Vendor>().WithMany().HasForeignKey(d => d.VendorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.CompanyId);
    }
}
