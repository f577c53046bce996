using System.Diagnostics;
using System.Globalization;
using Mamori.Sensor.Detection;
using Mamori.Web;
using Mamori.Web.Data;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.HealthReports;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Features.Operators;
using Mamori.Web.Features.Regions;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Features.Sites;
using Mamori.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Generates the monthly report of N demo-like companies the way the monthly job does (the real
// worker, Razor page rendered in-process, one shared Chromium with a few pages at once) and prints
// the total time, the time per report and the peak memory of this process and of Chromium.
//
//   dotnet run -c Release --project bench/Mamori.HealthReports.Benchmarks -- [--companies 1000] [--parallelism 3] [--save-pdf FILE]
var companies = Option("--companies", 1000);
var parallelism = Option("--parallelism", 3);
var month = new DateOnly(2026, 11, 1);
var dataDirectory = Path.Combine(Path.GetTempPath(), "mamori-health-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dataDirectory);

var builder = MamoriWebApp.CreateBuilder([], new Dictionary<string, string?>
{
    ["urls"] = "http://127.0.0.1:0",
    ["Mamori:DataDirectory"] = dataDirectory,
    ["Mamori:Demo:Enabled"] = "false",
    ["ConnectionStrings:Postgres"] = "",
    ["ConnectionStrings:Sqlite"] = "",
    ["Logging:LogLevel:Default"] = "Warning",
    ["Mamori:HealthReports:ScheduleEnabled"] = "false",
    ["Mamori:HealthReports:Parallelism"] = parallelism.ToString(CultureInfo.InvariantCulture),
    ["Mamori:HealthReports:PollInterval"] = "00:00:01",
});
var app = MamoriWebApp.Build(builder);
await app.StartAsync();
try
{
    var seed = Stopwatch.StartNew();
    var operatorId = await SeedAsync(app.Services, companies, month);
    Console.WriteLine($"seeded {companies:N0} companies with a month of counters, alerts and incidents in {seed.Elapsed.TotalSeconds:0.0} s");
    Console.WriteLine($"load average before: {LoadAverage()}");

    using var sampler = new MemorySampler();
    var clock = Stopwatch.StartNew();
    int runId;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var run = await scope.ServiceProvider.GetRequiredService<StartHealthReportRunHandler>()
            .HandleAsync(operatorId, month, null, HealthReportTrigger.Manual, "benchmark", CancellationToken.None);
        runId = run.Id;
    }

    RunProgress progress;
    while (true)
    {
        await Task.Delay(500);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        progress = await scope.ServiceProvider.GetRequiredService<GetRunProgressHandler>().HandleAsync(runId, CancellationToken.None)
            ?? throw new InvalidOperationException("run vanished");
        if (progress.IsFinished)
        {
            break;
        }
    }

    clock.Stop();
    long pdfBytes;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        pdfBytes = await db.Set<HealthReport>().SumAsync(r => (long)r.Pdf!.Length);
        if (TextOption("--save-pdf") is { } save)
        {
            // The report of a company with findings (the 2nd has a password sent in clear).
            await File.WriteAllBytesAsync(save, await db.Set<HealthReport>().OrderBy(r => r.CompanyId).Skip(1).Select(r => r.Pdf!).FirstAsync());
        }
    }

    Console.WriteLine($"reports: {progress.Done:N0} done, {progress.Failed:N0} failed of {progress.Total:N0} (parallelism {parallelism})");
    foreach (var failure in progress.Failures.Take(3))
    {
        Console.WriteLine($"  failed: {failure.CompanyName}: {failure.Error}");
    }

    Console.WriteLine($"total {clock.Elapsed.TotalSeconds:0.0} s, {clock.Elapsed.TotalMilliseconds / Math.Max(1, progress.Total):0} ms per report, {progress.Total / clock.Elapsed.TotalSeconds:0.0} reports/s");
    Console.WriteLine($"PDF: {pdfBytes / Math.Max(1, progress.Done) / 1024.0:0} KiB per report on average");
    Console.WriteLine($"peak memory: this process {sampler.PeakSelfMb:0} MB, this process + Chromium {sampler.PeakTreeMb:0} MB");
    Console.WriteLine($"load average after: {LoadAverage()}");
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    Directory.Delete(dataDirectory, recursive: true);
}

static int Option(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static string? TextOption(string name)
{
    var args = Environment.GetCommandLineArgs();
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static async Task<int> SeedAsync(IServiceProvider services, int count, DateOnly month)
{
    await using var scope = services.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<TenantContext>().UseSystem();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    var op = new OperatorOrganisation { Name = "ベンチマーク機構" };
    db.Operators.Add(op);
    await db.SaveChangesAsync();
    var industries = Enum.GetValues<Industry>();
    var prefectures = Prefectures.Tohoku;
    var japan = TimeSpan.FromHours(9);
    var days = DateTime.DaysInMonth(month.Year, month.Month);
    for (var start = 0; start < count; start += 100)
    {
        var batch = Enumerable.Range(start, Math.Min(100, count - start)).Select(i => new MemberCompany
        {
            OperatorId = op.Id,
            Name = string.Create(CultureInfo.InvariantCulture, $"株式会社ベンチ{i + 1:D4}"),
            Industry = industries[i % industries.Length],
            Prefecture = prefectures[i % prefectures.Count],
            PcCount = 3 + (i * 7 % 60),
        }).ToList();
        db.Companies.AddRange(batch);
        await db.SaveChangesAsync();
        var sites = batch.Select(c => new Site { OperatorId = op.Id, CompanyId = c.Id, Name = "本社", Kind = SiteKind.Office, Prefecture = c.Prefecture }).ToList();
        db.Sites.AddRange(sites);
        await db.SaveChangesAsync();
        var sensors = sites.Select(s => new NetworkSensor { OperatorId = op.Id, CompanyId = s.CompanyId, SiteId = s.Id, SerialNumber = "B-" + s.CompanyId, Name = "センサー", Status = SensorStatus.Monitoring }).ToList();
        db.Sensors.AddRange(sensors);
        await db.SaveChangesAsync();
        for (var k = 0; k < sensors.Count; k++)
        {
            var i = start + k;
            var sensor = sensors[k];
            var pcs = batch[k].PcCount;
            for (var day = 1; day <= days; day++)
            {
                var at = new DateTimeOffset(month.Year, month.Month, day, 9, 0, 0, japan).ToUniversalTime();
                db.SensorCounters.Add(new SensorCounterInterval
                {
                    OperatorId = op.Id,
                    CompanyId = sensor.CompanyId,
                    SensorId = sensor.Id,
                    Start = at,
                    End = at.AddDays(1),
                    Packets = pcs * 40_000L,
                    Bytes = pcs * 30_000_000L,
                    Flows = pcs * 1_800L,
                    TrafficEvents = pcs * 1_850L,
                    SecurityEvents = pcs * 4L / 30 + (day % 3),
                    DevicesSeen = pcs + 2,
                });
            }

            // Like the pilot: most companies see scans; some send passwords in clear; a few have an incident.
            var types = new List<AlertType>();
            if (i % 3 == 0) { types.Add(AlertType.PortScan); }
            if (i % 4 == 1) { types.Add(AlertType.PlaintextPassword); }
            if (i % 6 == 3) { types.Add(AlertType.BannedSoftware); }
            if (i % 25 == 0) { types.Add(AlertType.KnownC2); }
            foreach (var type in types)
            {
                var seen = new DateTimeOffset(month.Year, month.Month, 1 + (i % days), 10, 0, 0, japan).ToUniversalTime();
                db.SecurityAlerts.Add(new SecurityAlert
                {
                    OperatorId = op.Id,
                    CompanyId = sensor.CompanyId,
                    SensorId = sensor.Id,
                    ExternalId = Guid.NewGuid(),
                    Type = type,
                    KillChain = AlertCatalog.StageOf(type),
                    Severity = AlertSeverity.Medium,
                    FirstSeen = seen,
                    LastSeen = seen.AddHours(1),
                    Count = 5,
                    Evidence = "benchmark",
                    ReceivedAt = seen,
                    UpdatedAt = seen,
                    State = AlertState.New,
                });
            }

            if (i % 25 == 0)
            {
                var opened = new DateTimeOffset(month.Year, month.Month, 1 + (i % days), 11, 0, 0, japan).ToUniversalTime();
                db.Incidents.Add(new Incident
                {
                    OperatorId = op.Id,
                    CompanyId = sensor.CompanyId,
                    AlertType = AlertType.KnownC2,
                    Severity = AlertSeverity.High,
                    State = i % 50 == 0 ? IncidentState.Notified : IncidentState.Resolved,
                    Title = "既知のC&Cサーバーへの通信",
                    OpenedAt = opened,
                    FirstAlertAt = opened,
                    LastAlertAt = opened,
                    ClosedAt = i % 50 == 0 ? null : opened.AddDays(1),
                    AlertCount = 1,
                });
            }
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    return op.Id;
}

/// <summary>Samples the resident memory of this process and of its child processes (Chromium) every 200 ms.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;

    public MemorySampler() => _timer = new Timer(_ => Sample(), null, 0, 200);

    public double PeakSelfMb { get; private set; }

    public double PeakTreeMb { get; private set; }

    public void Dispose()
    {
        _timer.Dispose();
        Sample();
    }

    private void Sample()
    {
        var self = Environment.ProcessId;
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && TryReadParent(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        bool Descends(int pid)
        {
            for (var guard = 0; guard < 64 && pid > 1; guard++)
            {
                if (pid == self)
                {
                    return true;
                }

                if (!parents.TryGetValue(pid, out pid))
                {
                    return false;
                }
            }

            return false;
        }

        var selfMb = RssMb(self);
        var tree = parents.Keys.Where(Descends).Sum(RssMb);
        lock (this)
        {
            PeakSelfMb = Math.Max(PeakSelfMb, selfMb);
            PeakTreeMb = Math.Max(PeakTreeMb, tree);
        }
    }

    private static int? TryReadParent(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double RssMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
