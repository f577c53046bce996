using Mamori.Sensor.Detection;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Sites;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Incidents;

/// <summary>
/// What analysts made of one or more related alerts for a company: the pilot turned 3,539
/// alerts into 7 of these (seed 003 表3.3.2-2 to 表3.3.2-4). Its timeline is <see cref="IncidentEvent"/>.
/// </summary>
public sealed class Incident : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int? SiteId { get; set; }

    /// <summary>The company's device most concerned (from the inventory), when known.</summary>
    public int? DeviceId { get; set; }

    /// <summary>The alert type that opened it (grouping key with company and device).</summary>
    public AlertType AlertType { get; set; }

    public AlertSeverity Severity { get; set; }

    public IncidentState State { get; set; }

    /// <summary>Short title for analysts.</summary>
    public required string Title { get; set; }

    /// <summary>The analyst's findings (internal, may use jargon).</summary>
    public string? AnalystSummary { get; set; }

    /// <summary>Identity user id of the assigned analyst.</summary>
    public string? AssigneeUserId { get; set; }

    public string? AssigneeName { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>First-seen of the earliest linked alert.</summary>
    public DateTimeOffset FirstAlertAt { get; set; }

    /// <summary>Last-seen of the latest linked alert.</summary>
    public DateTimeOffset LastAlertAt { get; set; }

    /// <summary>When an analyst first moved it out of New (response-time figure).</summary>
    public DateTimeOffset? FirstRespondedAt { get; set; }

    /// <summary>When the company was first notified.</summary>
    public DateTimeOffset? NotifiedAt { get; set; }

    /// <summary>When it reached Resolved or FalsePositive.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Linked alerts (kept in step with the alerts' <c>IncidentId</c>).</summary>
    public int AlertCount { get; set; }
}

/// <summary>new → investigating → notified → resolved / false positive .</summary>
public enum IncidentState
{
    New = 1,
    Investigating = 2,
    Notified = 3,
    Resolved = 4,
    FalsePositive = 5,
}

/// <summary>One entry of an incident's timeline: every action, by whom, when.</summary>
public sealed class IncidentEvent : ICompanyOwned
{
    public long Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int IncidentId { get; set; }

    public DateTimeOffset At { get; set; }

    public IncidentEventKind Kind { get; set; }

    /// <summary>Display name of who did it ("system" for automatic steps).</summary>
    public required string ActorName { get; set; }

    /// <summary>What happened, or the comment's text.</summary>
    public required string Text { get; set; }
}

public enum IncidentEventKind
{
    Opened = 1,
    StateChanged = 2,
    Assigned = 3,
    Comment = 4,
    AlertsLinked = 5,
    DeviceLinked = 6,
    NoticeSent = 7,
    NoticeAcknowledged = 8,
    Escalated = 9,
    SeverityChanged = 10,
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.Property(i => i.AlertType).HasConversion<string>().HasMaxLength(40);
        builder.Property(i => i.Severity).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Title).HasMaxLength(300);
        builder.Property(i => i.AnalystSummary).HasMaxLength(8000);
        builder.Property(i => i.AssigneeUserId).HasMaxLength(450);
        builder.Property(i => i.AssigneeName).HasMaxLength(100);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(i => i.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Site>().WithMany().HasForeignKey(i => i.SiteId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Device>().WithMany().HasForeignKey(i => i.DeviceId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(i => new { i.OperatorId, i.State, i.OpenedAt });
        builder.HasIndex(i => new { i.CompanyId, i.OpenedAt });
        builder.HasIndex(i => i.SiteId);
        builder.HasIndex(i => i.DeviceId);
    }
}

internal sealed class IncidentEventConfiguration : IEntityTypeConfiguration<IncidentEvent>
{
    public void Configure(EntityTypeBuilder<IncidentEvent> builder)
    {
        builder.ToTable("IncidentEvents");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.ActorName).HasMaxLength(100);
        builder.Property(e => e.Text).HasMaxLength(4000);
        builder.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.IncidentId, e.At });
    }
}
