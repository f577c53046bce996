using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Sites;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Devices;

/// <summary>
/// A row of the company's device inventory (情報資産管理台帳, R-5.5), so notices can name the PC
/// and not just an IP address.
/// </summary>
public sealed class Device : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int? SiteId { get; set; }

    /// <summary>What the company calls it, e.g. 経理のパソコン.</summary>
    public required string Name { get; set; }

    public DeviceKind Kind { get; set; }

    public string? HostName { get; set; }

    public string? IpAddress { get; set; }

    public string? MacAddress { get; set; }

    /// <summary>Who uses it, as the company writes it.</summary>
    public string? UsedBy { get; set; }
}

public enum DeviceKind
{
    Pc = 1,
    Server = 2,
    Printer = 3,
    NetworkEquipment = 4,
    Smartphone = 5,
    Other = 6,
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        builder.ToTable("Devices");
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.HostName).HasMaxLength(255);
        builder.Property(d => d.IpAddress).HasMaxLength(45);
        builder.Property(d => d.MacAddress).HasMaxLength(17);
        builder.Property(d => d.UsedBy).HasMaxLength(100);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Site>().WithMany().HasForeignKey(d => d.SiteId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(d => d.CompanyId);
    }
}
