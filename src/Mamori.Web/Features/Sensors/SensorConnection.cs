using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Sensors;

/// <summary>
/// A sensor's link to the server once it has enrolled: the hash of its credential (never the
/// credential itself), whether the operator revoked it, and the latest heartbeat figures. One row per
/// <see cref="NetworkSensor"/>; no row means the sensor has not enrolled yet.
/// </summary>
public sealed class SensorConnection : ICompanyOwned
{
    /// <summary>Also the key: one connection per sensor.</summary>
    public int SensorId { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    /// <summary>SHA-256 of the secret part of the bearer credential, lower-case hex.</summary>
    public required string CredentialHash { get; set; }

    public DateTimeOffset EnrolledAt { get; set; }

    /// <summary>When the current credential was issued (enrolment or the last rotation).</summary>
    public DateTimeOffset CredentialIssuedAt { get; set; }

    /// <summary>Set when the operator revoked the sensor: every call is refused with 403 from then on.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The operator asked the sensor to rotate its credential; cleared by the rotation.</summary>
    public bool RotationRequired { get; set; }

    public required string HostName { get; set; }

    public required string AgentVersion { get; set; }

    /// <summary>When the server last heard from the sensor (any authenticated call).</summary>
    public DateTimeOffset? LastContactAt { get; set; }

    /// <summary>Highest batch sequence stored.</summary>
    public long LastSequence { get; set; }

    public DateTimeOffset? AgentStartedAt { get; set; }

    public long CaptureDrops { get; set; }

    public int QueueDepth { get; set; }

    public long QueueBytes { get; set; }

    public double CpuPercent { get; set; }

    public long MemoryBytes { get; set; }

    /// <summary>Items lost to the sensor's disk bound, "kind=count" pairs separated by ';'.</summary>
    public string? LostItems { get; set; }
}

/// <summary>A one-time enrolment code for a sensor (shown once, on the installation sheet); only its hash is kept.</summary>
public sealed class SensorEnrollmentCode : ICompanyOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int SensorId { get; set; }

    /// <summary>SHA-256 of the normalised code, lower-case hex.</summary>
    public required string CodeHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When a sensor enrolled with it; a code works once.</summary>
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>One heartbeat (the health part of a batch), kept for the sensor's health history.</summary>
public sealed class SensorHeartbeat : ICompanyOwned
{
    public long Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int SensorId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public long Sequence { get; set; }

    public long CaptureDrops { get; set; }

    public int QueueDepth { get; set; }

    public long QueueBytes { get; set; }

    public double CpuPercent { get; set; }

    public long MemoryBytes { get; set; }

    public required string AgentVersion { get; set; }
}

/// <summary>A batch the server has stored: the key of idempotency (one row per sensor and batch id).</summary>
public sealed class SensorBatchRecord : ICompanyOwned
{
    public long Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int SensorId { get; set; }

    public Guid BatchId { get; set; }

    public long Sequence { get; set; }

    /// <summary>When the agent sealed it (sensor clock).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset StoredAt { get; set; }

    public int ItemCount { get; set; }
}

/// <summary>A name a client looked up or contacted (<see cref="Mamori.Sensor.Shipping.NameSummary"/>), kept for retro-hunts.</summary>
public sealed class SensorNameSummary : ICompanyOwned
{
    public long Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int SensorId { get; set; }

    /// <summary>dns, tls_sni or http_host.</summary>
    public required string Kind { get; set; }

    public required string Name { get; set; }

    public required string ClientIp { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public long Count { get; set; }
}

/// <summary>Flows between a client and a server port (<see cref="Mamori.Sensor.Shipping.FlowSummary"/>), kept for retro-hunts.</summary>
public sealed class SensorFlowSummary : ICompanyOwned
{
    public long Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int SensorId { get; set; }

    public required string ClientIp { get; set; }

    public required string ServerIp { get; set; }

    public int ServerPort { get; set; }

    /// <summary>tcp, udp or icmp.</summary>
    public required string Protocol { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public long Flows { get; set; }

    public long Bytes { get; set; }
}

/// <summary>
/// What sensors run with: detection settings in the JSON of <c>mamori analyze --config</c> and intel
/// feed URLs. The row with no <see cref="SensorId"/> is the operator's default; a sensor's own row replaces it.
/// </summary>
public sealed class SensorSettings : IOperatorOwned
{
    public int Id { get; set; }

    public int OperatorId { get; set; }

    /// <summary>Null for the operator's default.</summary>
    public int? SensorId { get; set; }

    /// <summary>Detection options JSON (validated with the sensor's own parser before it is saved).</summary>
    public required string DetectionJson { get; set; }

    /// <summary>Feed URLs, one per line.</summary>
    public required string IntelFeedUrls { get; set; }

    public int ShipIntervalSeconds { get; set; } = 60;

    public int CounterIntervalSeconds { get; set; } = 300;

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SensorConnectionConfiguration : IEntityTypeConfiguration<SensorConnection>
{
    public void Configure(EntityTypeBuilder<SensorConnection> builder)
    {
        builder.ToTable("SensorConnections");
        builder.HasKey(c => c.SensorId);
        builder.Property(c => c.SensorId).ValueGeneratedNever();
        builder.Property(c => c.CredentialHash).HasMaxLength(64);
        builder.Property(c => c.HostName).HasMaxLength(255);
        builder.Property(c => c.AgentVersion).HasMaxLength(50);
        builder.Property(c => c.LostItems).HasMaxLength(500);
        builder.HasOne<NetworkSensor>().WithOne().HasForeignKey<SensorConnection>(c => c.SensorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.CompanyId);
    }
}

internal sealed class SensorEnrollmentCodeConfiguration : IEntityTypeConfiguration<SensorEnrollmentCode>
{
    public void Configure(EntityTypeBuilder<SensorEnrollmentCode> builder)
    {
        builder.ToTable("SensorEnrollmentCodes");
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.HasOne<NetworkSensor>().WithMany().HasForeignKey(c => c.SensorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.CodeHash).IsUnique();
        builder.HasIndex(c => c.SensorId);
    }
}

internal sealed class SensorHeartbeatConfiguration : IEntityTypeConfiguration<SensorHeartbeat>
{
    public void Configure(EntityTypeBuilder<SensorHeartbeat> builder)
    {
        builder.ToTable("SensorHeartbeats");
        builder.Property(h => h.AgentVersion).HasMaxLength(50);
        builder.HasOne<NetworkSensor>().WithMany().HasForeignKey(h => h.SensorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.SensorId, h.ReceivedAt });
    }
}

internal sealed class SensorBatchRecordConfiguration : IEntityTypeConfiguration<SensorBatchRecord>
{
    public void Configure(EntityTypeBuilder<SensorBatchRecord> builder)
    {
        builder.ToTable("SensorBatches");
        builder.HasOne<NetworkSensor>().WithMany().HasForeignKey(b => b.SensorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.SensorId, b.BatchId }).IsUnique();
    }
}

internal sealed class SensorNameSummaryConfiguration : IEntityTypeConfiguration<SensorNameSummary>
{
    public void Configure(EntityTypeBuilder<SensorNameSummary> builder)
    {
        builder.ToTable("SensorNameSummaries");
        builder.Property(n => n.Kind).HasMaxLength(16);
        builder.Property(n => n.Name).HasMaxLength(255);
        builder.Property(n => n.ClientIp).HasMaxLength(45);
        builder.HasOne<NetworkSensor>().WithMany().HasForeignKey(n => n.SensorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.CompanyId, n.Name });
        builder.HasIndex(n => n.SensorId);
    }
}

internal sealed class SensorFlowSummaryConfiguration : IEntityTypeConfiguration<SensorFlowSummary>
{
    public void Configure(EntityTypeBuilder<SensorFlowSummary> builder)
    {
        builder.ToTable("SensorFlowSummaries");
        builder.Property(f => f.ClientIp).HasMaxLength(45);
        builder.Property(f => f.ServerIp).HasMaxLength(45);
        builder.Property(f => f.Protocol).HasMaxLength(8);
        builder.HasOne<NetworkSensor>().WithMany().HasForeignKey(f => f.SensorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.CompanyId, f.ServerIp });
        builder.HasIndex(f => f.SensorId);
    }
}

internal sealed class SensorSettingsConfiguration : IEntityTypeConfiguration<SensorSettings>
{
    public void Configure(EntityTypeBuilder<SensorSettings> builder)
    {
        builder.ToTable("SensorSettings");
        builder.Property(s => s.DetectionJson).HasMaxLength(20000);
        builder.Property(s => s.IntelFeedUrls).HasMaxLength(4000);
        builder.HasOne<NetworkSensor>().WithMany().HasForeignKey(s => s.SensorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.OperatorId, s.SensorId });
    }
}
