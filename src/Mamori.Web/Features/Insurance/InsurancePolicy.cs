using Mamori.Web.Features.Companies;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Insurance;

/// <summary>
/// A member's cover: tier 1 is bundled with membership and pays on-site dispatch when
/// remote response is impossible; tier 2 policies (liability, security costs) are optional.
/// Each has an annual limit per policy year, counted from <see cref="StartsOn"/>.
/// </summary>
public sealed class InsurancePolicy : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int InsurerId { get; set; }

    public required string PolicyNumber { get; set; }

    public PolicyCover Cover { get; set; }

    public int Tier => Cover == PolicyCover.OnSiteDispatch ? 1 : 2;

    public long AnnualLimitYen { get; set; }

    public DateOnly StartsOn { get; set; }

    /// <summary>The start of the policy year that contains <paramref name="date"/>.</summary>
    public DateOnly PolicyYearStart(DateOnly date)
    {
        var years = date.Year - StartsOn.Year;
        var start = StartsOn.AddYears(years);
        return start > date ? StartsOn.AddYears(years - 1) : start;
    }
}

public enum PolicyCover
{
    /// <summary>Tier 1: on-site dispatch when remote response is judged impossible.</summary>
    OnSiteDispatch = 1,

    /// <summary>Tier 2: liability to third parties (賠償責任).</summary>
    Liability = 2,

    /// <summary>Tier 2: the company's own security-incident costs (費用).</summary>
    SecurityCosts = 3,
}

internal sealed class InsurancePolicyConfiguration : IEntityTypeConfiguration<InsurancePolicy>
{
    public void Configure(EntityTypeBuilder<InsurancePolicy> builder)
    {
        builder.ToTable("InsurancePolicies");
        builder.Ignore(p => p.Tier);
        builder.Property(p => p.PolicyNumber).HasMaxLength(40);
        builder.Property(p => p.Cover).HasConversion<string>().HasMaxLength(30);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Insurer>().WithMany().HasForeignKey(p => p.InsurerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.CompanyId, p.Cover }).IsUnique();
    }
}
