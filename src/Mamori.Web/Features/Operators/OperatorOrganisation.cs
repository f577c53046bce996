using Mamori.Web.Features.Regions;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Operators;

/// <summary>A support organisation (事務局) that runs a programme for its region's SMEs .</summary>
public sealed class OperatorOrganisation : IOperatorRoot
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? NameKana { get; set; }

    public Prefecture Prefecture { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }
}

internal sealed class OperatorOrganisationConfiguration : IEntityTypeConfiguration<OperatorOrganisation>
{
    public void Configure(EntityTypeBuilder<OperatorOrganisation> builder)
    {
        builder.ToTable("Operators");
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.NameKana).HasMaxLength(200);
        builder.Property(o => o.ContactEmail).HasMaxLength(256);
        builder.Property(o => o.ContactPhone).HasMaxLength(32);
        builder.HasIndex(o => o.Name).IsUnique();
    }
}
