using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Sites;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Devices;

/// <summary>
/// A row of the company's device inventory (情報資産管理台帳, R-5.5), so notices can name the PC
/// and not just an IP address. The sensor fills the observed columns (<see cref="HostName"/>,
/// <see cref="Vendor"/>, <see cref="OsHint"/>, ...); the company edits the others
/// (<see cref="Name"/>, <see cref="UsedBy"/>, <see cref="Location"/>, <see cref="Purpose"/>, <see cref="Notes"/>).
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

    /// <summary>The latest address seen; the history is in <see cref="DeviceAddress"/>.</summary>
    public string? IpAddress { get; set; }

    /// <summary>Lower-case colon form.</summary>
    public string? MacAddress { get; set; }

    /// <summary>Who uses it (使用者), as the company writes it.</summary>
    public string? UsedBy { get; set; }

    /// <summary>Where it stands (設置場所), e.g. 2階 経理室.</summary>
    public string? Location { get; set; }

    /// <summary>What it is for (用途).</summary>
    public string? Purpose { get; set; }

    public string? Notes { get; set; }

    /// <summary>Maker from the IEEE OUI registry, or null when unknown or the MAC is randomised.</summary>
    public string? Vendor { get; set; }

    /// <summary>The MAC is locally administered (phones and PCs randomise it per network).</summary>
    public bool RandomMac { get; set; }

    /// <summary>Operating system guessed from DHCP and user agents, e.g. Windows, iOS.</summary>
    public string? OsHint { get; set; }

    /// <summary>Software heard (browsers, DHCP clients), separated by '|'.</summary>
    public string? SoftwareHints { get; set; }

    /// <summary>Other names heard (NetBIOS, mDNS, LLMNR), separated by '|'.</summary>
    public string? Names { get; set; }

    public DateTimeOffset? FirstSeen { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>Made by the inventory from traffic rather than entered by the company.</summary>
    public bool Discovered { get; set; }
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
        builder.Property(d => d.Location).HasMaxLength(DeviceLimits.Location);
        builder.Property(d => d.Purpose).HasMaxLength(DeviceLimits.Purpose);
        builder.Property(d => d.Notes).HasMaxLength(DeviceLimits.Notes);
        builder.Property(d => d.Vendor).HasMaxLength(DeviceLimits.Vendor);
        builder.Property(d => d.OsHint).HasMaxLength(DeviceLimits.OsHint);
        builder.Property(d => d.SoftwareHints).HasMaxLength(DeviceLimits.Hints);
        builder.Property(d => d.Names).HasMaxLength(DeviceLimits.Hints);
        // Defaults so the columns could be added to existing rows (false is also the CLR default).
        builder.Property(d => d.RandomMac).HasDefaultValue(false);
        builder.Property(d => d.Discovered).HasDefaultValue(false);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Site>().WithMany().HasForeignKey(d => d.SiteId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(d => d.CompanyId);
        builder.HasIndex(d => new { d.CompanyId, d.MacAddress });
    }
}

/// <summary>Column lengths the edit form and CSV import check before saving.</summary>
public static class DeviceLimits
{
    public const int Name = 200;
    public const int HostName = 255;
    public const int UsedBy = 100;
    public const int Location = 200;
    public const int Purpose = 200;
    public const int Notes = 2000;
    public const int Vendor = 200;
    public const int OsHint = 100;
    public const int Hints = 1000;
}
