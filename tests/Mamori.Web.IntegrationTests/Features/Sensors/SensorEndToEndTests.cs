using Mamori.Lab;
using Mamori.Sensor.Agent;
using Mamori.Sensor.Capture;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Engine;
using Mamori.Sensor.Shipping;
using Mamori.Web.Data;
using Mamori.Web.Features.Demo;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Infrastructure.Tenancy;
using Mamori.Web.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.IntegrationTests.Features.Sensors;

/// <summary>
/// The sensor agent against the real server (issue #5): the server runs on Kestrel on loopback (real
/// HTTP, not TestServer), an operator's enrolment code is issued, the agent enrols, replays a lab
/// capture recorded by nmap and tcpdump, and the server is stopped mid-stream and started again over
/// the same database. Every alert is then in the company's data exactly once, with the counts an
/// uninterrupted edge analysis gives, and the counters add up to the capture's packets.
/// </summary>
public sealed class SensorEndToEndTests : IAsyncDisposable
{
    private const string Scenario = "portscan";
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("mamori-e2e-");
    private readonly int _port = FreePort();
    private TestDatabase? _database;
    private KestrelServer? _server;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _work.Delete(recursive: true);
    }

    [LabFact(Scenario)]
    public async Task Agent_ReplaysLabCaptureWhileServerRestarts_AlertsStoredExactlyOnce()
    {
        var capture = LabCaptures.Get(Scenario);
        _database = TestDatabase.CreateSqlite();
        _server = KestrelServer.Start(_database.Settings, _port);

        // The operator registers a sensor for a company's site and gets its one-time enrolment code.
        var site = await _server.QueryAsSystemAsync(db => db.Sites.OrderBy(s => s.Id).FirstAsync());
        var companyName = await _server.QueryAsSystemAsync(db => db.Companies.Where(c => c.Id == site.CompanyId).Select(c => c.Name).SingleAsync());
        IssuedCode issued;
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().UseOperator(site.OperatorId);
            var created = await scope.ServiceProvider.GetRequiredService<CreateSensorHandler>()
                .HandleAsync(new CreateSensorRequest(site.Id, "E2E センサー", "E2E-" + Guid.NewGuid().ToString("N")[..12]), CancellationToken.None);
            Assert.Null(created.Error);
            issued = created.Value!;
        }

        var sensor = await _server.QueryAsSystemAsync(db => db.Sensors.SingleAsync(s => s.Id == issued.SensorId));
        var code = issued.Code;

        // The installer enrols the box.
        var state = Path.Combine(_work.FullName, "state");
        var server = new Uri($"http://127.0.0.1:{_port}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using (var enrolOutput = new StringWriter())
        {
            var enrolled = await SensorEnrollment.EnrollAsync(http, server, code, state, allowHttp: false, force: false, enrolOutput);
            Assert.True(enrolled == 0, enrolOutput.ToString());
            Assert.Contains(companyName, enrolOutput.ToString(), StringComparison.Ordinal);
        }

        // The agent replays the capture; the server goes away mid-stream and comes back.
        using var log = new StringWriter();
        using var agent = new SensorAgent(new SensorAgentOptions
        {
            StateDirectory = state,
            ReadPath = capture.PcapPath,
            ReplayPacketsPerSecond = 500,
            ShipIntervalOverride = TimeSpan.FromMilliseconds(500),
            CounterIntervalOverride = TimeSpan.FromSeconds(1),
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(2),
        }, http, TimeProvider.System, TextWriter.Synchronized(log));
        var run = agent.RunAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(run.IsCompleted, log.ToString());
        await _server.DisposeAsync();
        _server = null;
        await Task.Delay(TimeSpan.FromSeconds(3)); // the agent keeps capturing into its queue
        Assert.False(run.IsCompleted, log.ToString());
        _server = KestrelServer.Start(_database.Settings, _port);
        var exit = await run.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(exit == SensorExitCodes.Ok, log.ToString());
        Assert.Contains("Cannot send to the server", log.ToString(), StringComparison.Ordinal); // the outage was seen

        // What an uninterrupted edge analysis with the server's thresholds finds.
        var configuration = new AgentStateDirectory(state).ReadConfiguration()?.Document ?? SensorAgent.DefaultConfiguration;
        var (expected, packets) = Analyze(capture.PcapPath, configuration);
        Assert.NotEmpty(expected);

        var stored = await _server.QueryAsSystemAsync(db => db.SecurityAlerts.Where(a => a.SensorId == sensor.Id)
            .Select(a => new { a.ExternalId, a.Count, a.Type, a.CompanyId }).ToListAsync());
        Assert.Equal(expected.Select(a => a.Id).Order(), stored.Select(a => a.ExternalId).Order()); // each exactly once
        foreach (var alert in expected)
        {
            var row = Assert.Single(stored, s => s.ExternalId == alert.Id);
            Assert.Equal((alert.Alert.Type, alert.Alert.Count, sensor.CompanyId), (row.Type, row.Count, row.CompanyId));
        }

        var counters = await _server.QueryAsSystemAsync(db => db.Set<SensorCounterInterval>().Where(c => c.SensorId == sensor.Id)
            .Select(c => new { c.Start, c.Packets, c.CompanyId }).ToListAsync());
        Assert.Equal(packets, counters.Sum(c => c.Packets));
        Assert.Equal(counters.Count, counters.Select(c => c.Start).Distinct().Count());
        Assert.All(counters, c => Assert.Equal(sensor.CompanyId, c.CompanyId));
        Assert.Empty(Directory.GetFiles(Path.Combine(state, "queue"), "*" + BatchSpool.Extension));
    }

    /// <summary>The capture through the same engine, collector and detectors, in one go.</summary>
    private static (IReadOnlyList<ShippedAlert> Alerts, long Packets) Analyze(string path, SensorConfigurationDocument configuration)
    {
        var options = configuration.Detection.ValueKind == System.Text.Json.JsonValueKind.Object
            ? System.Text.Json.JsonSerializer.Deserialize(configuration.Detection.GetRawText(), DetectionOptionsJsonContext.Default.DetectionOptions)
            : null;
        var collector = new EdgeCollector(TimeSpan.FromSeconds(1));
        collector.Detection = new DetectionEngine(options, forward: collector);
        var packets = 0L;
        using (var source = CaptureReader.Open(path))
        using (var engine = new TrafficEngine(collector))
        {
            collector.AttachEngine(engine.Counters);
            while (source.TryReadPacket(out var packet))
            {
                packets++;
                collector.OnPacket(packet.Timestamp, packet.OriginalLength);
                engine.Process(packet);
            }

            engine.Complete();
        }

        collector.Detection.Flush();
        return (collector.TakeChangedAlerts(), packets);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The app on Kestrel at a fixed loopback port over a database that outlives it (so it can be restarted).</summary>
    private sealed class KestrelServer(DatabaseSettings settings) : WebApplicationFactory<Program>
    {
        public static KestrelServer Start(DatabaseSettings settings, int port)
        {
            var server = new KestrelServer(settings);
            server.UseKestrel(port);
            server.StartServer();
            return server;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Mamori:DataDirectory", Path.Combine(Path.GetTempPath(), "mamori-tests"));
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(settings);
                services.AddSingleton<IDataProtectionProvider, EphemeralDataProtectionProvider>();
                services.Configure<DemoDataOptions>(options => options.Enabled = true);
            });
        }

        public async Task<T> QueryAsSystemAsync<T>(Func<AppDbContext, Task<T>> query)
        {
            await using var scope = Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
            return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }
    }
}
