using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Regions;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Sites;

/// <summary>A place where a member company works and a sensor may be installed .</summary>
public sealed class Site : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public required string Name { get; set; }

    public SiteKind Kind { get; set; }

    public Prefecture Prefecture { get; set; }

    public string? Address { get; set; }
}

/// <summary>The three installation situations of seed 003 §2.4.</summary>
public enum SiteKind
{
    /// <summary>An office network; the sensor listens on a mirror port.</summary>
    Office = 1,

    /// <summary>A small office without a mirror port; the sensor sits inline behind the router.</summary>
    SmallOffice = 2,

    /// <summary>An employee's home used for telework.</summary>
    TeleworkHome = 3,
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.ToTable("Sites");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Address).HasMaxLength(400);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.CompanyId);
    }
}
