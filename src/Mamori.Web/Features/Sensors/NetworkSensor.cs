using Mamori.Web.Features.Sites;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Sensors;

/// <summary>
/// A network sensor box installed at a site. Named NetworkSensor so it does not clash with
/// the Mamori.Sensor library's namespace.
/// </summary>
public sealed class NetworkSensor : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int SiteId { get; set; }

    /// <summary>The serial printed on the box; unique across the installation.</summary>
    public required string SerialNumber { get; set; }

    public required string Name { get; set; }

    public SensorStatus Status { get; set; }
}

/// <summary>Where a sensor is in the kitting → installation → monitoring pipeline .</summary>
public enum SensorStatus
{
    Kitting = 1,
    Shipped = 2,
    Installed = 3,
    Monitoring = 4,
    Returned = 5,
}

internal sealed class NetworkSensorConfiguration : IEntityTypeConfiguration<NetworkSensor>
{
    public void Configure(EntityTypeBuilder<NetworkSensor> builder)
    {
        builder.ToTable("Sensors");
        builder.Property(s => s.SerialNumber).HasMaxLength(64);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(s => s.SerialNumber).IsUnique();
        builder.HasIndex(s => s.CompanyId);
        builder.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
