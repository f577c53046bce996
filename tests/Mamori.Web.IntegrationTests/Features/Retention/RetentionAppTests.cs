using Mamori.Web.Data;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Retention;
using Mamori.Web.Features.Sensors;
using Mamori.Web.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mamori.Web.IntegrationTests.Features.Retention;

/// <summary>Retention in the real host: its limits are checked at start-up and its worker is wired to the database.</summary>
public sealed class RetentionAppTests
{
    [Fact]
    public async Task Start_SummaryLimitShorterThanRetroHunts_RefusesToStartNamingTheKey()
    {
        await using var factory = await MamoriAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        await using var bad = factory.WithWebHostBuilder(b => b.UseSetting("Mamori:Retention:SummaryDays", "30"));

        var error = Record.Exception(() => bad.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(error is AggregateException a ? a.Flatten().InnerExceptions.Single() : error);
        Assert.Contains("Mamori:Retention:SummaryDays must be at least 90 days (was 30)", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_InTheHost_DeletesOldRowsAndKeepsTheDemoData()
    {
        await using var factory = await MamoriAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        using (factory.CreateClient())
        {
            // Starting the host migrates and seeds.
        }

        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var demoHeartbeats = await factory.QueryAsSystemAsync(db => db.Set<SensorHeartbeat>().CountAsync());
        Assert.True(demoHeartbeats > 0);
        var (oldHeartbeat, oldObservation, waiting) = await factory.QueryAsSystemAsync(async db =>
        {
            var sensor = await db.Sensors.OrderBy(s => s.Id).FirstAsync();
            var heartbeat = new SensorHeartbeat
            {
                OperatorId = sensor.OperatorId,
                CompanyId = sensor.CompanyId,
                SensorId = sensor.Id,
                ReceivedAt = now.AddDays(-45),
                Sequence = 1,
                AgentVersion = "1.0.0",
            };
            DeviceObservation Seen(bool processed) => new()
            {
                OperatorId = sensor.OperatorId,
                CompanyId = sensor.CompanyId,
                SensorId = sensor.Id,
                IpAddress = "192.168.9.200",
                Source = "arp",
                FirstSeen = now.AddDays(-120),
                LastSeen = now.AddDays(-120),
                ReceivedAt = now.AddDays(-120),
                ProcessedAt = processed ? now.AddDays(-120) : null,
            };
            var processed = Seen(true);
            var unprocessed = Seen(false);
            db.Set<SensorHeartbeat>().Add(heartbeat);
            db.DeviceObservations.AddRange(processed, unprocessed);
            await db.SaveChangesAsync();
            return (heartbeat.Id, processed.Id, unprocessed.Id);
        });

        var worker = factory.Services.GetServices<IHostedService>().OfType<RetentionWorker>().Single();
        var counts = await worker.RunOnceAsync(CancellationToken.None);

        Assert.NotNull(counts);
        Assert.True(counts.Heartbeats >= 1);
        Assert.True(counts.DeviceObservations >= 1);
        Assert.False(await factory.QueryAsSystemAsync(db => db.Set<SensorHeartbeat>().AnyAsync(h => h.Id == oldHeartbeat)));
        Assert.False(await factory.QueryAsSystemAsync(db => db.DeviceObservations.AnyAsync(o => o.Id == oldObservation)));
        Assert.Equal(demoHeartbeats, await factory.QueryAsSystemAsync(db => db.Set<SensorHeartbeat>().CountAsync()));
        // Not processed when the round ran (or processed by the inventory just now): kept either way.
        Assert.True(await factory.QueryAsSystemAsync(db => db.DeviceObservations.AnyAsync(o => o.Id == waiting)));
    }
}
