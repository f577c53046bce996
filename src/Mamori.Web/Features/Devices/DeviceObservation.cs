using Mamori.Web.Features.Companies;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Devices;

/// <summary>
/// A device sighting as a sensor shipped it (<see cref="Mamori.Sensor.Shipping.DeviceSighting"/>),
/// stored raw by ingest. The inventory folds unprocessed observations into <see cref="Device"/>s and
/// their <see cref="DeviceAddress"/> history; one way: ingest → observations → inventory.
/// </summary>
public sealed class DeviceObservation : ICompanyOwned
{
    public long Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int? SiteId { get; set; }

    public int? SensorId { get; set; }

    /// <summary>Lower-case colon form, or null when only the IP was seen.</summary>
    public string? MacAddress { get; set; }

    public required string IpAddress { get; set; }

    public string? HostName { get; set; }

    /// <summary>Other names heard (NetBIOS, mDNS, LLMNR), separated by '|'.</summary>
    public string? Names { get; set; }

    public string? VendorClass { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>dhcp, arp, mdns, llmnr, netbios or traffic.</summary>
    public required string Source { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When the inventory folded it in; null while waiting.</summary>
    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>The device it was folded into (null while waiting, or when it could not be used).</summary>
    public int? DeviceId { get; set; }

    /// <summary>Why the inventory could not use it (a short code, never the data itself); null when it was used.</summary>
    public string? Error { get; set; }
}

/// <summary>
/// Which IP address a device had from when to when (DHCP leases change), so any IP at a given time
/// resolves to a device.
/// </summary>
public sealed class DeviceAddress : ICompanyOwned
{
    public long Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int DeviceId { get; set; }

    public required string IpAddress { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}

internal sealed class DeviceObservationConfiguration : IEntityTypeConfiguration<DeviceObservation>
{
    public void Configure(EntityTypeBuilder<DeviceObservation> builder)
    {
        builder.ToTable("DeviceObservations");
        builder.Property(o => o.MacAddress).HasMaxLength(17);
        builder.Property(o => o.IpAddress).HasMaxLength(45);
        builder.Property(o => o.HostName).HasMaxLength(255);
        builder.Property(o => o.Names).HasMaxLength(1000);
        builder.Property(o => o.VendorClass).HasMaxLength(255);
        builder.Property(o => o.UserAgent).HasMaxLength(500);
        builder.Property(o => o.Source).HasMaxLength(20);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(o => o.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(o => o.Error).HasMaxLength(40);
        // No foreign key: SQLite cannot add one to an existing table; merging re-points these ids.
        builder.HasIndex(o => new { o.CompanyId, o.ProcessedAt });
        builder.HasIndex(o => o.DeviceId);
    }
}

internal sealed class DeviceAddressConfiguration : IEntityTypeConfiguration<DeviceAddress>
{
    public void Configure(EntityTypeBuilder<DeviceAddress> builder)
    {
        builder.ToTable("DeviceAddresses");
        builder.Property(a => a.IpAddress).HasMaxLength(45);
        builder.HasOne<Device>().WithMany().HasForeignKey(a => a.DeviceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.CompanyId, a.IpAddress, a.FirstSeen });
        builder.HasIndex(a => a.DeviceId);
    }
}
