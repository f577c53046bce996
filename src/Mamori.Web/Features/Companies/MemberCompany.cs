using Mamori.Web.Features.Operators;
using Mamori.Web.Features.Regions;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Companies;

/// <summary>An SME (会員企業) taking part in an operator's programme.</summary>
public sealed class MemberCompany : ICompanyRoot
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public required string Name { get; set; }

    public string? NameKana { get; set; }

    public Industry Industry { get; set; }

    public Prefecture Prefecture { get; set; }

    public EmployeeBand EmployeeBand { get; set; }

    public CapitalBand CapitalBand { get; set; }

    public int PcCount { get; set; }

    /// <summary>The company's maintenance contractor (保守業者), copied on notices .</summary>
    public string? ContractorName { get; set; }

    /// <summary>Where notices are copied (cc) when the analyst chooses to; null when none.</summary>
    public string? ContractorEmail { get; set; }

    /// <summary>ja or en: the language notices and digests are written in.</summary>
    public string NoticeLanguage { get; set; } = "ja";

    public List<CompanyContact> Contacts { get; } = [];
}

internal sealed class MemberCompanyConfiguration : IEntityTypeConfiguration<MemberCompany>
{
    public void Configure(EntityTypeBuilder<MemberCompany> builder)
    {
        builder.ToTable("MemberCompanies");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.NameKana).HasMaxLength(200);
        builder.Property(c => c.Industry).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.EmployeeBand).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.CapitalBand).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ContractorName).HasMaxLength(200);
        builder.Property(c => c.ContractorEmail).HasMaxLength(256);
        builder.Property(c => c.NoticeLanguage).HasMaxLength(5).HasDefaultValue("ja");
        builder.HasOne<OperatorOrganisation>().WithMany().HasForeignKey(c => c.OperatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.OperatorId, c.Name }).IsUnique();
        builder.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}
