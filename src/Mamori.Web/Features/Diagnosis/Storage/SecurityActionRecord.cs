using Mamori.Web.Features.Companies;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Diagnosis.Storage;

/// <summary>
/// A SECURITY ACTION declaration the company made itself on IPA's site, as recorded in Mamori,
/// with where its basic policy is published. The latest row per company is its standing.
/// </summary>
public sealed class SecurityActionRecord : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public SecurityActionStars Stars { get; set; }

    public required string DeclarationId { get; set; }

    public DateOnly DeclaredOn { get; set; }

    public string? PolicyUrl { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public SecurityActionDeclaration ToDeclaration() => new(Stars, DeclarationId, DeclaredOn);
}

internal sealed class SecurityActionRecordConfiguration : IEntityTypeConfiguration<SecurityActionRecord>
{
    public void Configure(EntityTypeBuilder<SecurityActionRecord> builder)
    {
        builder.ToTable("SecurityActionRecords");
        builder.Property(s => s.Stars).HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.DeclarationId).HasMaxLength(50);
        builder.Property(s => s.PolicyUrl).HasMaxLength(500);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.CompanyId, s.DeclaredOn });
    }
}
