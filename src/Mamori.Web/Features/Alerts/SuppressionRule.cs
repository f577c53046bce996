using Mamori.Sensor.Detection;
using Mamori.Web.Features.Companies;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Alerts;

/// <summary>
/// A known-benign pattern for one company: a new alert that matches every field set here is
/// suppressed automatically until <see cref="ExpiresAt"/>, and counted on the rule.
/// </summary>
public sealed class SuppressionRule : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    /// <summary>Matches this type only; null matches any type.</summary>
    public AlertType? AlertType { get; set; }

    /// <summary>Matches this source address only; null matches any.</summary>
    public string? SrcIp { get; set; }

    /// <summary>Matches this destination address only; null matches any.</summary>
    public string? DstIp { get; set; }

    /// <summary>Matches this destination name only (case-insensitive); null matches any.</summary>
    public string? DstName { get; set; }

    /// <summary>Why it is benign (e.g. "the company's own backup server's FTP").</summary>
    public required string Reason { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this the rule matches nothing: a known-benign decision is reviewed again.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Alerts it has suppressed.</summary>
    public int MatchedCount { get; set; }

    public DateTimeOffset? LastMatchedAt { get; set; }

    /// <summary>Whether the rule applies to <paramref name="alert"/> at <paramref name="now"/>.</summary>
    public bool Matches(SecurityAlert alert, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.CompanyId == CompanyId
            && now < ExpiresAt
            && (AlertType is null || alert.Type == AlertType)
            && (SrcIp is null || string.Equals(alert.SrcIp, SrcIp, StringComparison.OrdinalIgnoreCase))
            && (DstIp is null || string.Equals(alert.DstIp, DstIp, StringComparison.OrdinalIgnoreCase))
            && (DstName is null || string.Equals(alert.DstName, DstName, StringComparison.OrdinalIgnoreCase));
    }
}

internal sealed class SuppressionRuleConfiguration : IEntityTypeConfiguration<SuppressionRule>
{
    public void Configure(EntityTypeBuilder<SuppressionRule> builder)
    {
        builder.ToTable("SuppressionRules");
        builder.Property(r => r.AlertType).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.SrcIp).HasMaxLength(45);
        builder.Property(r => r.DstIp).HasMaxLength(45);
        builder.Property(r => r.DstName).HasMaxLength(255);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.CreatedBy).HasMaxLength(100);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.CompanyId, r.ExpiresAt });
    }
}
