using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Operators;

/// <summary>The security operation centre whose analysts triage an operator's alerts .</summary>
public sealed class SocProvider : IOperatorOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public required string Name { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }
}

internal sealed class SocProviderConfiguration : IEntityTypeConfiguration<SocProvider>
{
    public void Configure(EntityTypeBuilder<SocProvider> builder)
    {
        builder.ToTable("SocProviders");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.ContactEmail).HasMaxLength(256);
        builder.Property(s => s.ContactPhone).HasMaxLength(32);
        builder.HasOne<OperatorOrganisation>().WithMany().HasForeignKey(s => s.OperatorId).OnDelete(DeleteBehavior.Restrict);
    }
}
