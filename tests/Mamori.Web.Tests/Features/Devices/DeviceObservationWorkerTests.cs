using Mamori.Web.Data;
using Mamori.Web.Features.Devices;
using Mamori.Web.Infrastructure.Tenancy;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Tests.Features.Devices;

public sealed class DeviceObservationWorkerTests
{
    /// <summary>A backlog larger than one batch is drained in one tick, as the system tenant.</summary>
    [Fact]
    public async Task RunOnce_BacklogOfSeveralBatches_AllProcessed()
    {
        await using var t = await DeviceTestContext.CreateAsync();
        var start = new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);
        await t.ObserveAsync([.. Enumerable.Range(1, 25).Select(i =>
            t.Sighting($"00:1b:21:00:10:{i:x2}", $"192.168.9.{100 + i}", start.AddMinutes(i), start.AddMinutes(i + 5)))]);

        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(t.Seeded.Database.Settings);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddDbContext<AppDbContext>((sp, o) => o.UseMamoriDatabase(sp.GetRequiredService<DatabaseSettings>()));
        services.AddSingleton(t.Oui);
        services.AddSingleton<TimeProvider>(t.Time);
        services.AddScoped<ProcessDeviceObservationsHandler>();
        await using var provider = services.BuildServiceProvider();
        var options = Options.Create(new DeviceInventoryOptions { BatchSize = 10 });
        var worker = new DeviceObservationWorker(provider.GetRequiredService<IServiceScopeFactory>(), options, t.Time, NullLogger<DeviceObservationWorker>.Instance);

        Assert.Equal(25, await worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await worker.RunOnceAsync(CancellationToken.None));
        await using var db = t.System();
        Assert.Equal(25, await db.Devices.CountAsync(d => d.CompanyId == t.Aoba && d.MacAddress!.StartsWith("00:1b:21:00:10:")));
    }
}
