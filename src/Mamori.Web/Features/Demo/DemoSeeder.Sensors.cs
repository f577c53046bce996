using Mamori.Web.Features.Ingest;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Features.Sites;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Demo;

/// <summary>
/// Demo sensors in operation: enrolled sensors with recent heartbeats (one telework sensor silent for
/// 30 hours, to show the warning), a month of daily counters for October 2026 (the demo month of the
/// reports), and one shipped sensor with an unused enrolment code. No alerts: triage seeds those.
/// </summary>
public sealed partial class DemoSeeder
{
    private static readonly DateTimeOffset s_counterMonth = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(9)).ToUniversalTime();

    private async Task SeedSensorsAsync(CancellationToken cancellationToken)
    {
        // Health is "now"-relative so the list shows live sensors whenever the demo starts.
        var now = TimeProvider.System.GetUtcNow();
        var sensors = await (from s in _db.Sensors
                             join site in _db.Sites on s.SiteId equals site.Id
                             orderby s.Id
                             select new { Sensor = s, site.Kind }).ToListAsync(cancellationToken);
        var silentChosen = false;
        var codeChosen = false;
        foreach (var (entry, index) in sensors.Select((e, i) => (e, i)))
        {
            var sensor = entry.Sensor;
            if (sensor.Status != SensorStatus.Monitoring)
            {
                if (!codeChosen)
                {
                    codeChosen = true;
                    _db.Set<SensorEnrollmentCode>().Add(new SensorEnrollmentCode
                    {
                        OperatorId = sensor.OperatorId,
                        CompanyId = sensor.CompanyId,
                        SensorId = sensor.Id,
                        CodeHash = SensorSecrets.HashCode(SensorSecrets.NewEnrollmentCode()),
                        CreatedAt = now.AddDays(-2),
                        ExpiresAt = now.AddDays(12),
                    });
                }

                continue;
            }

            var silent = !silentChosen && entry.Kind == SiteKind.TeleworkHome;
            silentChosen |= silent;
            var lastContact = silent ? now.AddHours(-30) : now.AddMinutes(-(index % 4) - 1);
            var started = now.AddDays(-9 - (index % 5));
            var cpu = 2.5 + (index % 7) * 0.8;
            var memory = (90L + (index % 6) * 12) * 1_048_576;
            _db.Set<SensorConnection>().Add(new SensorConnection
            {
                SensorId = sensor.Id,
                OperatorId = sensor.OperatorId,
                CompanyId = sensor.CompanyId,
                CredentialHash = SensorSecrets.Hash(SensorSecrets.NewSecret()),
                HostName = "mamori-" + sensor.SerialNumber.ToLowerInvariant(),
                AgentVersion = "1.0.0",
                EnrolledAt = s_counterMonth.AddDays(-3 - (index % 3)),
                CredentialIssuedAt = s_counterMonth.AddDays(-3 - (index % 3)),
                LastContactAt = lastContact,
                LastSequence = 9000 + index,
                AgentStartedAt = started,
                CaptureDrops = index % 4 == 0 ? 120 + index : 0,
                QueueDepth = silent ? 0 : index % 2,
                QueueBytes = silent ? 0 : (index % 2) * 48_000,
                CpuPercent = cpu,
                MemoryBytes = memory,
            });

            for (var h = 0; h < 6; h++)
            {
                _db.Set<SensorHeartbeat>().Add(new SensorHeartbeat
                {
                    OperatorId = sensor.OperatorId,
                    CompanyId = sensor.CompanyId,
                    SensorId = sensor.Id,
                    ReceivedAt = lastContact.AddHours(-5 + h),
                    Sequence = 9000 + index - 5 + h,
                    CaptureDrops = index % 4 == 0 ? 100 + index + h * 4 : 0,
                    QueueDepth = h == 2 ? 3 : 0,
                    QueueBytes = h == 2 ? 150_000 : 0,
                    CpuPercent = cpu + (h % 3) * 0.4,
                    MemoryBytes = memory + h * 524_288,
                    AgentVersion = "1.0.0",
                });
            }

            // A month of daily counters: weekdays busy, weekends quiet, a few security events.
            for (var d = 0; d < 31; d++)
            {
                var start = s_counterMonth.AddDays(d);
                var weekend = start.ToOffset(TimeSpan.FromHours(9)).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
                var scale = (weekend ? 0.15 : 1.0) * (entry.Kind == SiteKind.TeleworkHome ? 0.3 : 1.0) * (1 + (index % 5) * 0.2);
                _db.SensorCounters.Add(new SensorCounterInterval
                {
                    OperatorId = sensor.OperatorId,
                    CompanyId = sensor.CompanyId,
                    SensorId = sensor.Id,
                    Start = start,
                    End = start.AddDays(1),
                    Packets = (long)(2_400_000 * scale) + d * 1_000,
                    Bytes = (long)(1_900_000_000 * scale) + d * 800_000,
                    Flows = (long)(36_000 * scale) + d * 10,
                    TrafficEvents = (long)(52_000 * scale) + d * 17,
                    SecurityEvents = (d + index) % 9 == 0 ? 2 : (d + index) % 4 == 0 ? 1 : 0,
                    DevicesSeen = (int)Math.Max(2, 6 * scale) + index % 3,
                    CaptureDrops = index % 4 == 0 && d % 10 == 3 ? 40 : 0,
                });
            }
        }

        await _db.SaveChangesAsync(cancellationToken);
    }
}
