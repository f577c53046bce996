using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Notices;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.HealthReports;

/// <summary>
/// One company's monthly security health check (セキュリティ健康診断書, R-7.1): the grade, the
/// facts it was drawn from (JSON of <see cref="HealthReportFacts"/>) and, once printed, the PDF.
/// Unique per company and month, so a regenerated or resumed run replaces and never duplicates.
/// </summary>
public sealed class HealthReport : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    /// <summary>The first day of the month reported on.</summary>
    public DateOnly Month { get; set; }

    public HealthGrade Grade { get; set; }

    /// <summary><see cref="HealthReportFacts"/> as JSON: the report can be shown again exactly as generated.</summary>
    public required string FactsJson { get; set; }

    /// <summary>The Japanese PDF; null until printed (demo reports are printed on first download).</summary>
    public byte[]? Pdf { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    public DateTimeOffset? PdfCreatedAt { get; set; }

    /// <summary>The notice that told the company the report is ready.</summary>
    public int? NoticeId { get; set; }
}

internal sealed class HealthReportConfiguration : IEntityTypeConfiguration<HealthReport>
{
    public void Configure(EntityTypeBuilder<HealthReport> builder)
    {
        builder.ToTable("HealthReports");
        builder.Property(r => r.Grade).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Notice>().WithMany().HasForeignKey(r => r.NoticeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => new { r.CompanyId, r.Month }).IsUnique();
        builder.HasIndex(r => new { r.OperatorId, r.Month });
        builder.HasIndex(r => r.NoticeId);
    }
}
