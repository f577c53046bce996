using Mamori.Sensor.Detection;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Features.Sites;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Alerts;

/// <summary>
/// An alert a sensor raised for a company: the sensor's alert contract as stored on
/// the server, updated in place when the sensor ships the same finding again with a higher count.
/// Analysts triage these into incidents.
/// </summary>
public sealed class SecurityAlert : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int? SiteId { get; set; }

    /// <summary>The sensor that raised it; null for alerts imported from files (<c>mamori analyze</c> output).</summary>
    public int? SensorId { get; set; }

    /// <summary>The sensor's stable id of the finding (<see cref="Mamori.Sensor.Shipping.ShippedAlert.Id"/>); unique per company.</summary>
    public Guid ExternalId { get; set; }

    public AlertType Type { get; set; }

    public KillChainStage KillChain { get; set; }

    public AlertSeverity Severity { get; set; }

    public string? SrcIp { get; set; }

    public int? SrcPort { get; set; }

    public string? SrcName { get; set; }

    public string? DstIp { get; set; }

    public int? DstPort { get; set; }

    public string? DstName { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public long Count { get; set; }

    /// <summary>The detector's sentence for analysts (English).</summary>
    public required string Evidence { get; set; }

    /// <summary>The same sentence in plain Japanese, when the sensor sent one.</summary>
    public string? EvidenceJa { get; set; }

    /// <summary>When the server first stored it.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When the server last updated it from a sensor batch.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public AlertState State { get; set; }

    /// <summary>The incident it was grouped into, if any.</summary>
    public int? IncidentId { get; set; }

    /// <summary>The inventory device of the company-side endpoint at <see cref="FirstSeen"/>, when resolved.</summary>
    public int? DeviceId { get; set; }

    /// <summary>The suppression rule that matched it (a known-benign rule with an expiry), if any.</summary>
    public int? SuppressionRuleId { get; set; }
}

/// <summary>Where an alert is in triage.</summary>
public enum AlertState
{
    /// <summary>Not looked at yet: in the analysts' queue.</summary>
    New = 1,

    /// <summary>Grouped into an incident.</summary>
    InIncident = 2,

    /// <summary>Matched a known-benign suppression rule.</summary>
    Suppressed = 3,

    /// <summary>Closed by an analyst as not worth an incident.</summary>
    Dismissed = 4,
}

internal sealed class SecurityAlertConfiguration : IEntityTypeConfiguration<SecurityAlert>
{
    public void Configure(EntityTypeBuilder<SecurityAlert> builder)
    {
        builder.ToTable("SecurityAlerts");
        builder.Property(a => a.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.KillChain).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Severity).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.SrcIp).HasMaxLength(45);
        builder.Property(a => a.SrcName).HasMaxLength(255);
        builder.Property(a => a.DstIp).HasMaxLength(45);
        builder.Property(a => a.DstName).HasMaxLength(255);
        builder.Property(a => a.Evidence).HasMaxLength(2000);
        builder.Property(a => a.EvidenceJa).HasMaxLength(2000);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<NetworkSensor>().WithMany().HasForeignKey(a => a.SensorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Device>().WithMany().HasForeignKey(a => a.DeviceId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Incidents.Incident>().WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.CompanyId, a.ExternalId }).IsUnique();
        builder.HasIndex(a => new { a.OperatorId, a.State, a.LastSeen });
        builder.HasIndex(a => new { a.CompanyId, a.FirstSeen });
        builder.HasIndex(a => a.SiteId);
        builder.HasIndex(a => a.SensorId);
        builder.HasIndex(a => a.DeviceId);
        builder.HasIndex(a => a.IncidentId);
    }
}
