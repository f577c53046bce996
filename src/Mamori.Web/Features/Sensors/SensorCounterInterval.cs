using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mamori.Web.Features.Sensors;

/// <summary>
/// One closed counter interval a sensor reported (<see cref="Mamori.Sensor.Shipping.CounterInterval"/>):
/// the monthly report's counts of security events, traffic events and devices come from these.
/// Unique per sensor and start, so a resent batch cannot count twice.
/// </summary>
public sealed class SensorCounterInterval : ICompanyOwned
{
    public long Id { get; set; }

    public int OperatorId { get; set; }

    public int CompanyId { get; set; }

    public int SensorId { get; set; }

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    public long Packets { get; set; }

    public long Bytes { get; set; }

    public long Flows { get; set; }

    public long TrafficEvents { get; set; }

    public long SecurityEvents { get; set; }

    public int DevicesSeen { get; set; }

    public long CaptureDrops { get; set; }
}

internal sealed class SensorCounterIntervalConfiguration : IEntityTypeConfiguration<SensorCounterInterval>
{
    public void Configure(EntityTypeBuilder<SensorCounterInterval> builder)
    {
        builder.ToTable("SensorCounters");
        builder.HasOne<NetworkSensor>().WithMany().HasForeignKey(c => c.SensorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.SensorId, c.Start }).IsUnique();
        builder.HasIndex(c => new { c.CompanyId, c.Start });
    }
}
