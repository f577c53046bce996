using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.HelpDesk;

/// <summary>One entry of an inquiry's timeline: a reply by staff or by the member.</summary>
public sealed class InquiryReply : ICompanyLinked
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    /// <summary>The inquiry's company, copied so the tenancy filter applies to replies as well.</summary>
    public int? CompanyId { get; set; }

    public int InquiryId { get; set; }

    public bool ByStaff { get; set; }

    public required string AuthorName { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset WrittenAt { get; set; }
}

internal sealed class InquiryReplyConfiguration : IEntityTypeConfiguration<InquiryReply>
{
    public void Configure(EntityTypeBuilder<InquiryReply> builder)
    {
        builder.ToTable("InquiryReplies");
        builder.Property(r => r.AuthorName).HasMaxLength(100);
        builder.Property(r => r.Text).HasMaxLength(8000);
        builder.HasIndex(r => r.InquiryId);
    }
}
