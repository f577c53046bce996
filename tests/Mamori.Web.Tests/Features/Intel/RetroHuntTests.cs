using System.Net;
using System.Text;
using Mamori.Sensor.Detection;
using Mamori.Sensor.Intel;
using Mamori.Web.Data;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Intel;
using Mamori.Web.Features.Sensors;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Features.Intel;

/// <summary>
/// Server-side retro-hunt over the summaries sensors shipped, on SQLite and PostgreSQL:
/// what matches, what does not (too old, another operator), alerts raised once and updated, and the
/// feed watcher hunting only for what a feed adds.
/// </summary>
public sealed class RetroHuntTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);

    private static readonly Indicator EvilDomain = new(IndicatorKind.Domain, "evil-c2.example", IntelCategory.C2, "test-feed", "Emotet");
    private static readonly Indicator EvilAddress = new(IndicatorKind.Ip, "198.51.100.23", IntelCategory.C2, "test-feed");
    private static readonly Indicator PhishHost = new(IndicatorKind.Hostname, "login.phish.example", IntelCategory.Phishing, "test-feed");

    [Fact]
    public Task Hunt_FindsStoredContacts_RaisesAlertsOnce_Sqlite() => HuntAsync(DatabaseProvider.Sqlite);

    [PostgresFact]
    public Task Hunt_FindsStoredContacts_RaisesAlertsOnce_Postgres() => HuntAsync(DatabaseProvider.Postgres);

    [Fact]
    public Task FeedWatcher_HuntsOnlyWhatAFeedAdds_Sqlite() => FeedWatcherAsync(DatabaseProvider.Sqlite);

    [PostgresFact]
    public Task FeedWatcher_HuntsOnlyWhatAFeedAdds_Postgres() => FeedWatcherAsync(DatabaseProvider.Postgres);

    [Fact]
    public void IndicatorList_ReadsAddressesNamesAndUrls_AndReportsWhatItCannotRead()
    {
        var parsed = IndicatorList.Parse(
            "# pasted from a CERT advisory\n198.51.100.23\n2001:db8::7\nEvil-C2.example.\nhttps://Login.Phish.example:8443/secure/index.php?x=1\nnot a domain\n\n10.0.0.1:443 # with a port\n",
            IntelCategory.Phishing, "analyst");

        Assert.Null(parsed.Format);
        Assert.Equal(
            [(IndicatorKind.Ip, "198.51.100.23"), (IndicatorKind.Ip, "2001:db8::7"), (IndicatorKind.Domain, "evil-c2.example"),
             (IndicatorKind.Hostname, "login.phish.example"), (IndicatorKind.Ip, "10.0.0.1")],
            parsed.Indicators.Select(i => (i.Kind, i.Value)).ToList());
        Assert.All(parsed.Indicators, i => Assert.Equal(IntelCategory.Phishing, i.Category));
        Assert.Equal([(6, "not a domain")], parsed.Rejected);
    }

    [Fact]
    public void IndicatorList_ReadsAWholeFeed()
    {
        const string ThreatFox = """
            {"query_status":"ok","data":[
              {"ioc":"evil-c2.example","ioc_type":"domain","threat_type":"botnet_cc","malware_printable":"Emotet"},
              {"ioc":"198.51.100.23:8080","ioc_type":"ip:port","threat_type":"botnet_cc","malware_printable":"Emotet"}]}
            """;
        var parsed = IndicatorList.Parse(ThreatFox, IntelCategory.Phishing, "analyst");

        Assert.NotNull(parsed.Format);
        Assert.Contains(parsed.Indicators, i => i.Kind == IndicatorKind.Domain && i.Value == "evil-c2.example" && i.Category == IntelCategory.C2);
        Assert.Contains(parsed.Indicators, i => i.Kind == IndicatorKind.Ip && i.Value == "198.51.100.23");
    }

    private static async Task HuntAsync(DatabaseProvider provider)
    {
        await using var t = await HuntContext.CreateAsync(provider);
        // Aoba: the same name looked up and then contacted over TLS (one finding), a connection to a
        // listed address, a phishing host over HTTP with a port, a harmless name, and a hit too old to count.
        await t.NameAsync(t.AobaSensor, "dns", "cdn.evil-c2.example", "192.168.10.21", Now.AddDays(-10), 3);
        await t.NameAsync(t.AobaSensor, "tls_sni", "cdn.evil-c2.example", "192.168.10.21", Now.AddDays(-9), 1);
        await t.NameAsync(t.AobaSensor, "http_host", "login.phish.example:8080", "192.168.10.30", Now.AddDays(-5), 2);
        await t.NameAsync(t.AobaSensor, "dns", "www.example.jp", "192.168.10.21", Now.AddDays(-3), 40);
        await t.NameAsync(t.AobaSensor, "dns", "old.evil-c2.example", "192.168.10.21", Now.AddDays(-120), 1);
        await t.FlowAsync(t.AobaSensor, "192.168.10.22", "198.51.100.23", 443, Now.AddDays(-2), 5);
        await t.FlowAsync(t.AobaSensor, "192.168.10.22", "198.51.100.24", 443, Now.AddDays(-2), 5);
        // Minato (same operator) already has the sensor's own live alert for its contact.
        await t.NameAsync(t.MinatoSensor, "dns", "evil-c2.example", "192.168.20.5", Now.AddDays(-1), 2);
        await t.LiveAlertAsync(t.Minato, "192.168.20.5", "evil-c2.example");
        // Another operator's company saw the same name: never part of this operator's hunt.
        await t.NameAsync(t.OtherSensor, "dns", "cdn.evil-c2.example", "10.1.1.1", Now.AddDays(-1), 1);

        var since = Now - TimeSpan.FromDays(90);
        var look = await t.HuntAsync(new RetroHuntRequest(t.Tohoku, [EvilDomain, EvilAddress, PhishHost], since));
        Assert.Equal(
            [("192.168.10.21", "cdn.evil-c2.example", 4L), ("192.168.10.22", "198.51.100.23", 5L), ("192.168.10.30", "login.phish.example:8080", 2L), ("192.168.20.5", "evil-c2.example", 2L)],
            look.Hits.Select(h => (h.ClientIp, h.Observed, h.Count)).Order().ToList());
        var merged = look.Hits.Single(h => h.Observed == "cdn.evil-c2.example");
        Assert.Equal((Now.AddDays(-10), Now.AddDays(-9).AddMinutes(30)), (merged.FirstSeen, merged.LastSeen));
        Assert.Equal(0, await t.CountAlertsAsync(retroOnly: true));

        var onlyMinato = await t.HuntAsync(new RetroHuntRequest(t.Tohoku, [EvilDomain], since, CompanyId: t.Minato));
        Assert.Equal(["192.168.20.5"], onlyMinato.Hits.Select(h => h.ClientIp));

        var raised = await t.HuntAsync(new RetroHuntRequest(t.Tohoku, [EvilDomain, EvilAddress, PhishHost], since, RaiseAlerts: true));
        Assert.Equal((3, 0, 1), (raised.AlertsRaised, raised.AlertsUpdated, raised.AlreadyAlerted));
        await using (var db = t.System())
        {
            var alerts = await db.SecurityAlerts.Where(a => a.Evidence.StartsWith("Found later")).ToListAsync();
            Assert.Equal(3, alerts.Count);
            Assert.All(alerts, a => Assert.Equal((t.Tohoku, t.Aoba, t.AobaSensor, AlertState.New), (a.OperatorId, a.CompanyId, a.SensorId!.Value, a.State)));
            var c2 = alerts.Single(a => a.DstName == "cdn.evil-c2.example");
            Assert.Equal((AlertType.KnownC2, AlertSeverity.High, "192.168.10.21", 4L), (c2.Type, c2.Severity, c2.SrcIp, c2.Count));
            Assert.Contains("evil-c2.example is listed as a known C&C server (Emotet) by test-feed", c2.Evidence, StringComparison.Ordinal);
            var flow = alerts.Single(a => a.DstIp == "198.51.100.23");
            Assert.Equal((AlertType.KnownC2, 443), (flow.Type, flow.DstPort));
            Assert.Equal((AlertType.PhishingSite, AlertSeverity.Medium), alerts.Where(a => a.SrcIp == "192.168.10.30").Select(a => (a.Type, a.Severity)).Single());
        }

        // Hunting again raises nothing new; later contacts update the same alert.
        var again = await t.HuntAsync(new RetroHuntRequest(t.Tohoku, [EvilDomain, EvilAddress, PhishHost], since, RaiseAlerts: true));
        Assert.Equal((0, 0, 1), (again.AlertsRaised, again.AlertsUpdated, again.AlreadyAlerted));
        await t.NameAsync(t.AobaSensor, "dns", "cdn.evil-c2.example", "192.168.10.21", Now.AddHours(-1), 6);
        var later = await t.HuntAsync(new RetroHuntRequest(t.Tohoku, [EvilDomain], since, RaiseAlerts: true));
        Assert.Equal((0, 1), (later.AlertsRaised, later.AlertsUpdated));
        await using (var db = t.System())
        {
            var c2 = await db.SecurityAlerts.SingleAsync(a => a.DstName == "cdn.evil-c2.example");
            Assert.Equal((10L, Now.AddMinutes(-30)), (c2.Count, c2.LastSeen));
        }

        Assert.Equal(3, await t.CountAlertsAsync(retroOnly: true));
        Assert.Empty((await t.HuntAsync(new RetroHuntRequest(t.Tohoku, [], since, RaiseAlerts: true))).Hits);
    }

    private static async Task FeedWatcherAsync(DatabaseProvider provider)
    {
        await using var t = await HuntContext.CreateAsync(provider);
        await t.FlowAsync(t.AobaSensor, "192.168.10.22", "198.51.100.23", 443, Now.AddDays(-20), 3);
        await t.FlowAsync(t.AobaSensor, "192.168.10.23", "203.0.113.99", 8080, Now.AddDays(-4), 1);
        await using (var db = t.System())
        {
            db.Set<SensorSettings>().Add(new SensorSettings
            {
                OperatorId = t.Tohoku, DetectionJson = "{}", UpdatedAt = Now,
                IntelFeedUrls = "https://feeds.test/downloads/ipblocklist.txt\nhttps://feeds.test/broken/ipblocklist.txt",
            });
            await db.SaveChangesAsync();
        }

        var feed = new FeedServer();
        feed.Content["/downloads/ipblocklist.txt"] = "# Feodo Tracker test list\n198.51.100.23\n192.0.2.200\n";
        var options = Microsoft.Extensions.Options.Options.Create(new RetroHuntOptions());
        var state = new IntelFeedState(new HttpClient(feed), t.Time, options);

        var first = await t.WatchAsync(state, options);
        var good = first.Single(r => r.Source == "feeds.test/downloads/ipblocklist.txt");
        Assert.Equal((true, 2, 2, 1, 1), (good.Succeeded, good.Indicators, good.Added, good.Hits, good.AlertsRaised));
        var broken = first.Single(r => r.Source == "feeds.test/broken/ipblocklist.txt");
        Assert.False(broken.Succeeded);
        Assert.Contains("404", broken.Error, StringComparison.Ordinal);

        // Not due yet: nothing is fetched.
        var requests = feed.Requests;
        Assert.Empty(await t.WatchAsync(state, options));
        Assert.Equal(requests, feed.Requests);

        // An hour later the feed lists one more address: only that one is hunted for.
        feed.Content["/downloads/ipblocklist.txt"] = "# Feodo Tracker test list\n198.51.100.23\n192.0.2.200\n203.0.113.99\n";
        t.Time.Now += options.Value.RefreshInterval;
        var second = (await t.WatchAsync(state, options)).Single(r => r.Source == "feeds.test/downloads/ipblocklist.txt");
        Assert.Equal((true, 3, 1, 1, 1), (second.Succeeded, second.Indicators, second.Added, second.Hits, second.AlertsRaised));

        // The feed server fails: the indicators held stay, nothing is raised twice.
        feed.Content.Clear();
        t.Time.Now += options.Value.RefreshInterval;
        Assert.All(await t.WatchAsync(state, options), r => Assert.False(r.Succeeded));
        Assert.Equal(3, state.IndicatorCount(t.Tohoku));
        Assert.Equal(2, await t.CountAlertsAsync(retroOnly: true));
        Assert.Equal(6, state.Runs(t.Tohoku).Count);
    }

    /// <summary>Answers feed URLs from a dictionary (404 for anything else), counting requests.</summary>
    private sealed class FeedServer : HttpMessageHandler
    {
        public Dictionary<string, string> Content { get; } = new(StringComparer.Ordinal);

        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(Content.TryGetValue(request.RequestUri!.AbsolutePath, out var body)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "text/plain") }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }

    /// <summary>A seeded database with a sensor for two companies of one operator and one of another.</summary>
    private sealed class HuntContext : IAsyncDisposable
    {
        private HuntContext(SeededDatabase seeded) => Seeded = seeded;

        public SeededDatabase Seeded { get; }

        public ManualTimeProvider Time { get; } = new(Now);

        public int Tohoku { get; private set; }

        public int Aoba { get; private set; }

        public int Minato { get; private set; }

        public int AobaSensor { get; private set; }

        public int MinatoSensor { get; private set; }

        public int OtherSensor { get; private set; }

        public static async Task<HuntContext> CreateAsync(DatabaseProvider provider)
        {
            var t = new HuntContext(await SeededDatabase.CreateAsync(provider));
            await using var db = t.System();
            t.Tohoku = await db.Operators.Where(o => o.Name.Contains("東北")).Select(o => o.Id).SingleAsync();
            t.Aoba = await db.Companies.Where(c => c.Name == "株式会社青葉商事").Select(c => c.Id).SingleAsync();
            t.Minato = await db.Companies.Where(c => c.Name == "株式会社八戸みなと水産").Select(c => c.Id).SingleAsync();
            t.AobaSensor = await SensorOfAsync(db, t.Aoba);
            t.MinatoSensor = await SensorOfAsync(db, t.Minato);
            var other = await db.Companies.Where(c => c.OperatorId != t.Tohoku).Select(c => c.Id).FirstAsync();
            t.OtherSensor = await SensorOfAsync(db, other);
            return t;
        }

        public AppDbContext System() => Seeded.Database.CreateSystemContext();

        public async Task NameAsync(int sensorId, string kind, string name, string client, DateTimeOffset first, long count)
        {
            await using var db = System();
            var sensor = await db.Sensors.SingleAsync(s => s.Id == sensorId);
            db.Set<SensorNameSummary>().Add(new SensorNameSummary
            {
                OperatorId = sensor.OperatorId, CompanyId = sensor.CompanyId, SensorId = sensorId, Kind = kind, Name = name, ClientIp = client,
                FirstSeen = first.ToUniversalTime(), LastSeen = first.AddMinutes(30).ToUniversalTime(), Count = count,
            });
            await db.SaveChangesAsync();
        }

        public async Task FlowAsync(int sensorId, string client, string server, int port, DateTimeOffset first, long flows)
        {
            await using var db = System();
            var sensor = await db.Sensors.SingleAsync(s => s.Id == sensorId);
            db.Set<SensorFlowSummary>().Add(new SensorFlowSummary
            {
                OperatorId = sensor.OperatorId, CompanyId = sensor.CompanyId, SensorId = sensorId, ClientIp = client, ServerIp = server,
                ServerPort = port, Protocol = "tcp", FirstSeen = first.ToUniversalTime(), LastSeen = first.AddMinutes(5).ToUniversalTime(),
                Flows = flows, Bytes = flows * 4_000,
            });
            await db.SaveChangesAsync();
        }

        public async Task LiveAlertAsync(int companyId, string client, string name)
        {
            await using var db = System();
            db.SecurityAlerts.Add(new SecurityAlert
            {
                OperatorId = Tohoku, CompanyId = companyId, ExternalId = Guid.NewGuid(), Type = AlertType.KnownC2,
                KillChain = AlertCatalog.StageOf(AlertType.KnownC2), Severity = AlertSeverity.High, SrcIp = client, DstName = name,
                FirstSeen = Now.AddDays(-1), LastSeen = Now.AddDays(-1), Count = 2, Evidence = "live", ReceivedAt = Now, UpdatedAt = Now,
            });
            await db.SaveChangesAsync();
        }

        public async Task<int> CountAlertsAsync(bool retroOnly)
        {
            await using var db = System();
            return await db.SecurityAlerts.CountAsync(a => !retroOnly || a.Evidence.StartsWith("Found later"));
        }

        public async Task<RetroHuntResult> HuntAsync(RetroHuntRequest request)
        {
            // As the analysts' page does: acting for the operator.
            await using var db = Seeded.As(tenant => tenant.UseOperator(Tohoku));
            return await new HuntStoredTrafficHandler(db, Time).HandleAsync(request, CancellationToken.None);
        }

        public async Task<IReadOnlyList<RetroHuntRun>> WatchAsync(IntelFeedState state, Microsoft.Extensions.Options.IOptions<RetroHuntOptions> options)
        {
            // As the worker does: the system tenant, every operator.
            await using var db = System();
            return await new HuntNewIndicatorsHandler(db, new HuntStoredTrafficHandler(db, Time), state, Time, options).HandleAsync(CancellationToken.None);
        }

        public ValueTask DisposeAsync() => Seeded.DisposeAsync();

        private static async Task<int> SensorOfAsync(AppDbContext db, int companyId)
        {
            var existing = await db.Sensors.Where(s => s.CompanyId == companyId).Select(s => (int?)s.Id).FirstOrDefaultAsync();
            if (existing is { } id)
            {
                return id;
            }

            var company = await db.Companies.SingleAsync(c => c.Id == companyId);
            var site = await db.Sites.Where(s => s.CompanyId == companyId).Select(s => s.Id).FirstAsync();
            var sensor = new NetworkSensor { OperatorId = company.OperatorId, CompanyId = companyId, SiteId = site, SerialNumber = "T-" + companyId, Name = "test" };
            db.Sensors.Add(sensor);
            await db.SaveChangesAsync();
            return sensor.Id;
        }
    }
}
