using Mamori.Web.Data;
using Mamori.Web.Features.HealthReports;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Tests.Features.HealthReports;

/// <summary>The monthly job starts one run per operator for the previous month on the 1st (Japan time), and only once.</summary>
public sealed class HealthReportScheduleTests
{
    [Fact]
    public async Task Schedule_OnTheFirstInJapan_OneRunPerOperatorForThePreviousMonth_Once()
    {
        // 1 December 00:30 in Japan is still 30 November in UTC.
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 30, 15, 30, 0, TimeSpan.Zero));
        await using var seeded = await SeededDatabase.CreateAsync();
        await using var services = Services(seeded, time, new HealthReportOptions());
        var runner = services.GetRequiredService<HealthReportRunner>();

        Assert.Equal(2, await runner.ScheduleDueRunsAsync(CancellationToken.None));
        Assert.Equal(0, await runner.ScheduleDueRunsAsync(CancellationToken.None));

        var runs = await seeded.SystemQueryAsync(db => db.Set<HealthReportRun>().Include(r => r.Items).ToListAsync());
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r =>
        {
            Assert.Equal(new DateOnly(2026, 11, 1), r.Month);
            Assert.Equal(HealthReportTrigger.Scheduled, r.Trigger);
            Assert.All(r.Items, i => Assert.Equal(HealthReportItemState.Pending, i.State));
        });
        var companies = await seeded.SystemQueryAsync(db => db.Companies.CountAsync());
        Assert.Equal(companies, runs.Sum(r => r.Items.Count));
    }

    [Theory]
    [InlineData(2026, 11, 30, 14, 59)] // 30 November 23:59 in Japan: not yet
    [InlineData(2026, 12, 4, 0, 0)]    // 4 December in Japan: past the three catch-up days
    public async Task Schedule_OutsideTheFirstDays_StartsNothing(int year, int month, int day, int hour, int minute)
    {
        var time = new ManualTimeProvider(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero));
        await using var seeded = await SeededDatabase.CreateAsync();
        await using var services = Services(seeded, time, new HealthReportOptions());
        Assert.Equal(0, await services.GetRequiredService<HealthReportRunner>().ScheduleDueRunsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Schedule_Disabled_StartsNothing()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
        await using var seeded = await SeededDatabase.CreateAsync();
        await using var services = Services(seeded, time, new HealthReportOptions { ScheduleEnabled = false });
        Assert.Equal(0, await services.GetRequiredService<HealthReportRunner>().ScheduleDueRunsAsync(CancellationToken.None));
        Assert.Equal(0, await seeded.SystemQueryAsync(db => db.Set<HealthReportRun>().CountAsync()));
    }

    private static ServiceProvider Services(SeededDatabase seeded, TimeProvider time, HealthReportOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(seeded.Database.Settings);
        services.AddScoped<Mamori.Web.Infrastructure.Tenancy.TenantContext>();
        services.AddScoped<Mamori.Web.Infrastructure.Tenancy.ITenantContext>(sp => sp.GetRequiredService<Mamori.Web.Infrastructure.Tenancy.TenantContext>());
        services.AddDbContext<AppDbContext>((sp, o) => o.UseMamoriDatabase(sp.GetRequiredService<DatabaseSettings>()));
        services.AddSingleton(time);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<HealthReportSignal>();
        services.AddScoped<StartHealthReportRunHandler>();
        services.AddSingleton<HealthReportRunner>();
        return services.BuildServiceProvider();
    }
}
