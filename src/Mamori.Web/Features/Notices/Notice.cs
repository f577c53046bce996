using Mamori.Sensor.Detection;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Notices;

/// <summary>
/// A message to a member company in plain words: what happened, why it matters, what to do
/// now and whom to call, naming the device by its inventory entry. Shown in the member portal and
/// sent by e-mail; the company acknowledges it.
/// </summary>
public sealed class Notice : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    /// <summary>The incident it reports; null for a weekly advice digest.</summary>
    public int? IncidentId { get; set; }

    public NoticeKind Kind { get; set; }

    public AlertSeverity Severity { get; set; }

    /// <summary>ja or en: the language the text was written in.</summary>
    public required string Language { get; set; }

    public required string Subject { get; set; }

    /// <summary>The plain-language text (Markdown-free plain text with blank-line paragraphs).</summary>
    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who wrote or approved it.</summary>
    public required string AuthorName { get; set; }

    /// <summary>When it was published to the company (portal) and handed to e-mail.</summary>
    public DateTimeOffset? SentAt { get; set; }

    public NoticeDelivery Delivery { get; set; }

    /// <summary>Addresses it was mailed to (comma separated), for the record.</summary>
    public string? Recipients { get; set; }

    /// <summary>Last e-mail error, when <see cref="Delivery"/> is Failed (no message content).</summary>
    public string? DeliveryError { get; set; }

    /// <summary>E-mail attempts so far (retried with back-off while Failed).</summary>
    public int DeliveryAttempts { get; set; }

    /// <summary>When the next e-mail attempt is due, while Queued or Failed.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Whether the company's maintenance contractor was copied .</summary>
    public bool CopiedToContractor { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    /// <summary>When an unacknowledged high-severity notice was escalated to the operator.</summary>
    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>For a digest: the first day covered.</summary>
    public DateOnly? PeriodStart { get; set; }

    /// <summary>For a digest: the last day covered.</summary>
    public DateOnly? PeriodEnd { get; set; }
}

public enum NoticeKind
{
    /// <summary>An incident report (security event).</summary>
    Incident = 1,

    /// <summary>The calmer weekly advice digest of undesirable operations.</summary>
    WeeklyDigest = 2,

    /// <summary>The monthly security health check (健康診断書) is ready .</summary>
    HealthReport = 10,
}

public enum NoticeDelivery
{
    /// <summary>Draft, not published.</summary>
    Draft = 1,

    /// <summary>Published in the portal; e-mail waiting to be sent.</summary>
    Queued = 2,

    /// <summary>Published and mailed.</summary>
    Sent = 3,

    /// <summary>Published; mailing failed (will be retried).</summary>
    Failed = 4,
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        builder.ToTable("Notices");
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Severity).HasConversion<string>().HasMaxLength(10);
        builder.Property(n => n.Delivery).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Language).HasMaxLength(5);
        builder.Property(n => n.Subject).HasMaxLength(300);
        builder.Property(n => n.Body).HasMaxLength(16000);
        builder.Property(n => n.AuthorName).HasMaxLength(100);
        builder.Property(n => n.Recipients).HasMaxLength(1000);
        builder.Property(n => n.DeliveryError).HasMaxLength(500);
        builder.Property(n => n.AcknowledgedBy).HasMaxLength(100);
        // Added to an existing table: the column needs a default; the sentinel keeps EF writing 0 itself.
        builder.Property(n => n.DeliveryAttempts).HasDefaultValue(0).HasSentinel(-1);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(n => n.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Incident>().WithMany().HasForeignKey(n => n.IncidentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(n => new { n.CompanyId, n.CreatedAt });
        builder.HasIndex(n => new { n.OperatorId, n.Delivery });
        builder.HasIndex(n => n.IncidentId);
    }
}
