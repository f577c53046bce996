using Mamori.Web.Data;
using Mamori.Web.Features.Retention;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Infrastructure.Tenancy;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Tests.Features.Retention;

public sealed class RetentionWorkerTests
{
    /// <summary>The worker's round acts as the system tenant, with the clock's "now", and reports the counts.</summary>
    [Fact]
    public async Task RunOnce_OldHeartbeats_DeletedAsSystemTenant()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        var sensor = await PruneSensorDataTests.ClearAsync(seeded);
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));
        await using (var db = seeded.Database.CreateSystemContext())
        {
            db.Set<SensorHeartbeat>().Add(PruneSensorDataTests.Heartbeat(sensor, time.GetUtcNow().AddDays(-31)));
            db.Set<SensorHeartbeat>().Add(PruneSensorDataTests.Heartbeat(sensor, time.GetUtcNow().AddDays(-1)));
            await db.SaveChangesAsync();
        }

        await using var provider = Services(seeded.Database, time);
        var logs = new ListLogger();
        var worker = Worker(provider, time, logs);

        var counts = await worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(new PrunedCounts(1, 0, 0, 0, 0), counts);
        Assert.Equal(1, await seeded.SystemQueryAsync(db => db.Set<SensorHeartbeat>().CountAsync()));
        var line = Assert.Single(logs.Lines);
        Assert.Contains("deleted 1 heartbeats", line, StringComparison.Ordinal);
        Assert.DoesNotContain("192.168", line, StringComparison.Ordinal);
    }

    /// <summary>A round that fails (here: a database without the tables) is logged and does not throw.</summary>
    [Fact]
    public async Task RunOnce_DatabaseFails_LoggedAndReturnsNull()
    {
        await using var empty = TestDatabase.CreateSqlite();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));
        await using var provider = Services(empty, time);
        var logs = new ListLogger();
        var worker = Worker(provider, time, logs);

        Assert.Null(await worker.RunOnceAsync(CancellationToken.None));
        var line = Assert.Single(logs.Lines);
        Assert.StartsWith("Error: Retention round failed (SqliteException)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AreValid_AndCoverTheRetroHuntWindow()
    {
        var options = new RetentionOptions();
        Assert.True(new RetentionOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal((30, 60, 180, 90), (options.HeartbeatDays, options.BatchRecordDays, options.SummaryDays, options.ObservationDays));
        Assert.True(options.SummaryDays >= RetentionOptions.RetroHuntDays);
    }

    /// <summary>Bad limits in configuration stop the start-up with an error naming each key.</summary>
    [Fact]
    public void Options_BadValuesInConfiguration_FailAtStartWithClearErrors()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mamori:Retention:HeartbeatDays"] = "0",
            ["Mamori:Retention:SummaryDays"] = "30",
            ["Mamori:Retention:BatchRecordDays"] = "2",
            ["Mamori:Retention:ObservationDays"] = "-5",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddRetentionFeature();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Mamori:Retention:HeartbeatDays must be a positive number of days (was 0)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mamori:Retention:ObservationDays must be a positive number of days (was -5)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mamori:Retention:SummaryDays must be at least 90 days (was 30): retro-hunts", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mamori:Retention:BatchRecordDays must be at least 7 days (was 2)", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.Failures.Count());
    }

    [Fact]
    public void Options_GoodValuesInConfiguration_Bound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mamori:Retention:SummaryDays"] = "365",
            ["Mamori:Retention:ChunkSize"] = "1000",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddRetentionFeature();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<RetentionOptions>>().Value;
        Assert.Equal(365, options.SummaryDays);
        Assert.Equal(1000, options.ChunkSize);
        Assert.Equal(30, options.HeartbeatDays);
    }

    private static ServiceProvider Services(TestDatabase database, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(database.Settings);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddDbContext<AppDbContext>((sp, o) => o.UseMamoriDatabase(sp.GetRequiredService<DatabaseSettings>()));
        services.AddSingleton(time);
        services.AddSingleton(Options.Create(new RetentionOptions()));
        services.AddScoped<PruneSensorDataHandler>();
        return services.BuildServiceProvider();
    }

    private static RetentionWorker Worker(ServiceProvider provider, TimeProvider time, ListLogger logs) =>
        new(provider.GetRequiredService<IServiceScopeFactory>(), Options.Create(new RetentionOptions()), new NullLifetime(), time, logs);

    /// <summary>Keeps formatted log lines as "Level: message".</summary>
    private sealed class ListLogger : ILogger<RetentionWorker>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(logLevel + ": " + formatter(state, exception));
    }

    private sealed class NullLifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
