using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Operators;
using Mamori.Web.Features.Sites;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.HelpDesk;

/// <summary>
/// A question to the help desk, by phone, e-mail or the member portal. An e-mail from an
/// unknown sender is kept with no company (<see cref="CompanyId"/> null) until staff link it.
/// </summary>
public sealed class Inquiry : ICompanyLinked
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int? CompanyId { get; set; }

    public int? SiteId { get; set; }

    public int? DeviceId { get; set; }

    /// <summary>An incident of issue 6; a plain id until incidents exist.</summary>
    public int? IncidentId { get; set; }

    public InquiryChannel Channel { get; set; }

    public InquiryCategory Category { get; set; }

    public InquiryStatus Status { get; set; } = InquiryStatus.New;

    /// <summary>The caller's or sender's name as given.</summary>
    public required string FromName { get; set; }

    /// <summary>The caller's phone number or the sender's e-mail address.</summary>
    public string? FromAddress { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The first reply by staff: the end of the first-response time.</summary>
    public DateTimeOffset? FirstRespondedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? AssigneeName { get; set; }

    public List<InquiryReply> Replies { get; } = [];
}

public enum InquiryChannel
{
    Phone = 1,
    Email = 2,
    Web = 3,
}

/// <summary>The four kinds of seed 003 表3.3.2-5.</summary>
public enum InquiryCategory
{
    Participation = 1,
    DeviceInstallation = 2,
    SecurityConsultation = 3,
    Other = 4,
}

public enum InquiryStatus
{
    New = 1,
    InProgress = 2,
    WaitingForCustomer = 3,
    Resolved = 4,
    Closed = 5,
}

internal sealed class InquiryConfiguration : IEntityTypeConfiguration<Inquiry>
{
    public void Configure(EntityTypeBuilder<Inquiry> builder)
    {
        builder.ToTable("Inquiries");
        builder.Property(i => i.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Category).HasConversion<string>().HasMaxLength(40);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(i => i.FromName).HasMaxLength(200);
        builder.Property(i => i.FromAddress).HasMaxLength(256);
        builder.Property(i => i.Subject).HasMaxLength(300);
        builder.Property(i => i.Body).HasMaxLength(8000);
        builder.Property(i => i.AssigneeName).HasMaxLength(100);
        builder.HasOne<OperatorOrganisation>().WithMany().HasForeignKey(i => i.OperatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(i => i.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(i => i.SiteId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Device>().WithMany().HasForeignKey(i => i.DeviceId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(i => i.Replies).WithOne().HasForeignKey(r => r.InquiryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.OperatorId, i.ReceivedAt });
    }
}
