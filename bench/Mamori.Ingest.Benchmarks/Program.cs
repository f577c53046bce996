using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Shipping;
using Mamori.Web;
using Mamori.Web.Data;
using Mamori.Sensor.Intel;
using Mamori.Web.Features.Ingest;
using Mamori.Web.Features.Intel;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Ingest load benchmark: N simulated sensors post batches to one Mamori server on loopback for a
// fixed time. Prints events/s accepted (200 answers) and stored (rows committed), latency
// percentiles and the load average, then times a retro-hunt of 10,000 new indicators over the
// summaries the run stored. Not a test: it measures, it does not judge.
//
//   dotnet run -c Release --project bench/Mamori.Ingest.Benchmarks -- --provider postgres --sensors 8 --seconds 20
//   (PostgreSQL: --postgres "Host=...;Username=..." or MAMORI_TEST_POSTGRES; a throwaway database is created and dropped)
var options = BenchOptions.Parse(args);
var work = Directory.CreateTempSubdirectory("mamori-ingest-bench-").FullName;
string? pgAdmin = null, pgDatabase = null;
var settings = new Dictionary<string, string?>
{
    ["urls"] = "http://127.0.0.1:0",
    ["Mamori:DataDirectory"] = work,
    ["Mamori:Demo:Enabled"] = "true",
    ["Mamori:Ingest:RateLimit:Burst"] = "1000000",
    ["Mamori:Ingest:RateLimit:PermitsPerMinute"] = "60000000",
    ["Logging:LogLevel:Default"] = "Warning",
    ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    ["ConnectionStrings:Sqlite"] = "",
    ["ConnectionStrings:Postgres"] = "",
};
if (options.Provider == "postgres")
{
    pgAdmin = options.Postgres ?? Environment.GetEnvironmentVariable("MAMORI_TEST_POSTGRES")
        ?? throw new InvalidOperationException("PostgreSQL: pass --postgres CONNECTION or set MAMORI_TEST_POSTGRES.");
    pgDatabase = "mamori_bench_" + Guid.NewGuid().ToString("N")[..12];
    await using (var admin = new NpgsqlConnection(pgAdmin))
    {
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{pgDatabase}\"", admin);
        await create.ExecuteNonQueryAsync();
    }

    settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(pgAdmin) { Database = pgDatabase, MaxPoolSize = 100 }.ConnectionString;
}
else
{
    settings["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(work, "bench.db")}";
}

var app = MamoriWebApp.Build(MamoriWebApp.CreateBuilder([], settings));
try
{
    await app.StartAsync();
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = new Uri(address),
        Timeout = TimeSpan.FromMinutes(2),
    };

    var sensors = await EnrollAsync(app.Services, http, options.Sensors);
    var templates = sensors.Select((s, i) => Template(i, options.BatchItems)).ToList();

    // Warm-up: JIT, connection pools, first inserts.
    await Task.WhenAll(sensors.Select((s, i) => PostAsync(http, s.Credential, templates[i])));
    var stored0 = await StoredItemsAsync(app.Services);

    var latencies = new List<double>[sensors.Count];
    var accepted = new long[sensors.Count];
    var failures = new long[sensors.Count];
    var clock = Stopwatch.StartNew();
    var end = TimeSpan.FromSeconds(options.Seconds);
    await Task.WhenAll(sensors.Select((sensor, i) => Task.Run(async () =>
    {
        latencies[i] = [];
        while (clock.Elapsed < end)
        {
            var started = clock.Elapsed;
            var ok = await PostAsync(http, sensor.Credential, templates[i]);
            latencies[i].Add((clock.Elapsed - started).TotalMilliseconds);
            if (ok)
            {
                accepted[i] += options.BatchItems;
            }
            else
            {
                failures[i]++;
            }
        }
    })));
    var elapsed = clock.Elapsed.TotalSeconds;
    var stored = await StoredItemsAsync(app.Services) - stored0;
    var all = latencies.SelectMany(l => l).Order().ToList();
    double P(double q) => all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)Math.Ceiling(q * all.Count) - 1)];
    var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
        provider            {options.Provider}
        sensors             {sensors.Count} posting concurrently, {options.BatchItems} events per batch, {elapsed:0.0} s
        batches             {all.Count} answered, {failures.Sum()} not 200
        accepted            {accepted.Sum() / elapsed:#,0} events/s
        stored              {stored / elapsed:#,0} events/s ({stored:#,0} rows committed)
        latency             p50 {P(0.50):0} ms, p95 {P(0.95):0} ms, p99 {P(0.99):0} ms
        load average        {load}  ({Environment.ProcessorCount} cores)
        """));

    // Retro-hunt over what the run stored, as the server does when a feed adds indicators: every
    // name summary of the window is read and matched, flow summaries by address.
    var (rows, hits, huntSeconds) = await HuntAsync(app.Services, options.HuntIndicators);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"retro-hunt          {options.HuntIndicators:#,0} new indicators over {rows:#,0} stored summary rows: {huntSeconds:0.00} s = {rows / huntSeconds:#,0} rows/s, {hits} findings"));
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    if (pgDatabase is not null)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(pgAdmin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    Directory.Delete(work, recursive: true);
}

// Plants one-time codes for the first N demo sensors (adding sensors if the demo has fewer) and
// enrols each over HTTP, as the agent would.
static async Task<List<(int Id, string Credential)>> EnrollAsync(IServiceProvider services, HttpClient http, int count)
{
    var codes = new List<string>();
    await using (var scope = services.CreateAsyncScope())
    {
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sensors = await db.Sensors.OrderBy(s => s.Id).Take(count).ToListAsync();
        var site = await db.Sites.OrderBy(s => s.Id).FirstAsync();
        for (var i = sensors.Count; i < count; i++)
        {
            var extra = new NetworkSensor { OperatorId = site.OperatorId, CompanyId = site.CompanyId, SiteId = site.Id, Name = "bench", SerialNumber = "BENCH-" + i.ToString(CultureInfo.InvariantCulture) };
            db.Sensors.Add(extra);
            sensors.Add(extra);
        }

        await db.SaveChangesAsync();
        foreach (var sensor in sensors)
        {
            var code = SensorSecrets.NewEnrollmentCode();
            codes.Add(code);
            db.Set<SensorEnrollmentCode>().Add(new SensorEnrollmentCode
            {
                OperatorId = sensor.OperatorId,
                CompanyId = sensor.CompanyId,
                SensorId = sensor.Id,
                CodeHash = SensorSecrets.HashCode(code),
                CreatedAt = TimeProvider.System.GetUtcNow(),
                ExpiresAt = TimeProvider.System.GetUtcNow().AddHours(1),
            });
        }

        await db.SaveChangesAsync();
    }

    var result = new List<(int, string)>();
    foreach (var code in codes)
    {
        using var response = await http.PostAsJsonAsync(SensorApi.EnrollPath, new EnrollRequest(code, "bench", "bench"), ShippingJsonContext.Default.EnrollRequest);
        response.EnsureSuccessStatusCode();
        var enrolled = (await response.Content.ReadFromJsonAsync(ShippingJsonContext.Default.EnrollResponse))!;
        result.Add((enrolled.SensorId, enrolled.Credential));
    }

    return result;
}

// One realistic batch per sensor, serialised once: each post only swaps in a fresh batch id, so
// the client spends its CPU on HTTP, not on JSON.
static BatchTemplate Template(int sensor, int items)
{
    var t0 = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    var alerts = 5;
    var counters = 5;
    var devices = items / 20;
    var flows = items * 35 / 100;
    var names = items - alerts - counters - devices - flows;
    string Ip(int i) => string.Create(CultureInfo.InvariantCulture, $"192.168.{sensor % 250}.{(i % 250) + 1}");
    var batch = new SensorBatch
    {
        BatchId = Guid.Empty,
        Sequence = 1,
        CreatedAt = t0,
        AgentVersion = "bench",
        Alerts = [.. Enumerable.Range(0, alerts).Select(i => new ShippedAlert(Guid.NewGuid(), new Alert
        {
            Type = AlertType.PortScan, KillChain = KillChainStage.Reconnaissance, Severity = AlertSeverity.Medium,
            Src = new AlertEndpoint(Ip(i), 50000 + i), Dst = new AlertEndpoint("10.0.0.1", 445),
            FirstSeen = t0, LastSeen = t0.AddMinutes(1), Count = 10, Evidence = "bench: 120 ports in 30 s",
        }))],
        Counters = [.. Enumerable.Range(0, counters).Select(i => new CounterInterval(t0.AddMinutes(5 * i), t0.AddMinutes(5 * i + 5), 10_000, 8_000_000, 300, 1200, 1, 40, 0))],
        Devices = [.. Enumerable.Range(0, devices).Select(i => new DeviceSighting(string.Create(CultureInfo.InvariantCulture, $"02:00:00:00:{sensor % 256:x2}:{i % 256:x2}"), Ip(i), t0, t0.AddMinutes(5), "PC-" + i.ToString(CultureInfo.InvariantCulture), null, "MSFT 5.0", null, "dhcp"))],
        Names = [.. Enumerable.Range(0, names).Select(i => new NameSummary("dns", string.Create(CultureInfo.InvariantCulture, $"host{i}.example{i % 97}.co.jp"), Ip(i), t0, t0.AddMinutes(5), 1 + (i % 7)))],
        Flows = [.. Enumerable.Range(0, flows).Select(i => new FlowSummary(Ip(i), string.Create(CultureInfo.InvariantCulture, $"203.0.113.{(i % 250) + 1}"), 443, "tcp", t0, t0.AddMinutes(5), 1 + (i % 5), 4000 + i))],
        Health = new SensorHealth(t0, 0, 0, 0, 5, 100_000_000),
    };
    var json = JsonSerializer.SerializeToUtf8Bytes(batch, ShippingJsonContext.Default.SensorBatch);
    var marker = Encoding.UTF8.GetBytes(Guid.Empty.ToString("D"));
    return new BatchTemplate(json, json.AsSpan().IndexOf(marker));
}

static async Task<bool> PostAsync(HttpClient http, string credential, BatchTemplate template)
{
    var body = (byte[])template.Json.Clone();
    Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("D"), body.AsSpan(template.IdOffset, 36));
    using var request = new HttpRequestMessage(HttpMethod.Post, SensorApi.BatchesPath) { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
    using var response = await http.SendAsync(request);
    return response.IsSuccessStatusCode;
}

// Items committed, as the batch records count them (written in the same transaction as the rows).
static async Task<long> StoredItemsAsync(IServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    return await db.Set<SensorBatchRecord>().SumAsync(b => (long)b.ItemCount);
}

// Hunts for N-2 indicators nobody contacted plus one domain and one address the template batches
// hold, in every operator's stored summaries; returns rows read, findings and seconds.
static async Task<(long Rows, int Hits, double Seconds)> HuntAsync(IServiceProvider services, int indicators)
{
    await using var scope = services.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var hunt = new HuntStoredTrafficHandler(db, TimeProvider.System);
    var list = Enumerable.Range(0, Math.Max(0, indicators - 2))
        .Select(i => new Indicator(IndicatorKind.Domain, string.Create(CultureInfo.InvariantCulture, $"bad{i}.example.net"), IntelCategory.C2, "bench"))
        .Append(new Indicator(IndicatorKind.Domain, "example5.co.jp", IntelCategory.C2, "bench"))
        .Append(new Indicator(IndicatorKind.Ip, "203.0.113.7", IntelCategory.C2, "bench"))
        .ToList();
    var operators = await db.Set<SensorNameSummary>().Select(n => n.OperatorId).Distinct().ToListAsync();
    var clock = Stopwatch.StartNew();
    long rows = 0;
    var hits = 0;
    foreach (var operatorId in operators)
    {
        var result = await hunt.HandleAsync(new RetroHuntRequest(operatorId, list, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);
        rows += result.RowsRead;
        hits += result.Hits.Count;
    }

    return (rows, hits, clock.Elapsed.TotalSeconds);
}

internal sealed record BatchTemplate(byte[] Json, int IdOffset);

internal sealed record BenchOptions(string Provider, int Sensors, int Seconds, int BatchItems, string? Postgres, int HuntIndicators)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(
            Value("--provider") ?? "sqlite",
            Number("--sensors", 8),
            Number("--seconds", 20),
            Number("--batch-items", 2000),
            Value("--postgres"),
            Number("--hunt-indicators", 10_000));
    }
}
