using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Operators;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.HealthReports;

/// <summary>
/// One generation of monthly reports for an operator's companies: the monthly schedule or an
/// operator's request. Its <see cref="HealthReportRunItem"/>s are the to-do list that survives a
/// crash: a restarted server continues the pending items.
/// </summary>
public sealed class HealthReportRun : IOperatorOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    /// <summary>The first day of the month reported on.</summary>
    public DateOnly Month { get; set; }

    public HealthReportTrigger Trigger { get; set; }

    /// <summary>Who asked for it ("schedule" for the monthly job).</summary>
    public required string RequestedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when no item is pending any more.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    public List<HealthReportRunItem> Items { get; } = [];
}

public enum HealthReportTrigger
{
    /// <summary>The monthly job on the 1st (Japan time) for the previous month.</summary>
    Scheduled = 1,

    /// <summary>An operator asked for it.</summary>
    Manual = 2,
}

/// <summary>One company's report within a run.</summary>
public sealed class HealthReportRunItem : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int RunId { get; set; }

    public HealthReportItemState State { get; set; }

    public int Attempts { get; set; }

    /// <summary>Why it failed, in words an operator can act on (never report content).</summary>
    public string? Error { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int? ReportId { get; set; }
}

public enum HealthReportItemState
{
    Pending = 1,
    Done = 2,
    Failed = 3,
}

internal sealed class HealthReportRunConfiguration : IEntityTypeConfiguration<HealthReportRun>
{
    public void Configure(EntityTypeBuilder<HealthReportRun> builder)
    {
        builder.ToTable("HealthReportRuns");
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.RequestedBy).HasMaxLength(100);
        builder.HasOne<OperatorOrganisation>().WithMany().HasForeignKey(r => r.OperatorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.OperatorId, r.Month });
    }
}

internal sealed class HealthReportRunItemConfiguration : IEntityTypeConfiguration<HealthReportRunItem>
{
    public void Configure(EntityTypeBuilder<HealthReportRunItem> builder)
    {
        builder.ToTable("HealthReportRunItems");
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Error).HasMaxLength(500);
        builder.HasOne<MemberCompany>().WithMany().HasForeignKey(i => i.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HealthReport>().WithMany().HasForeignKey(i => i.ReportId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(i => new { i.RunId, i.CompanyId }).IsUnique();
        builder.HasIndex(i => new { i.State, i.RunId });
        builder.HasIndex(i => i.CompanyId);
        builder.HasIndex(i => i.ReportId);
    }
}
