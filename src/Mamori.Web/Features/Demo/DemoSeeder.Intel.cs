using Mamori.Web.Features.Sensors;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Demo;

/// <summary>
/// What the demo sensors shipped for retro-hunts over the last two weeks: the names an office's PCs
/// look up every day, and at 株式会社青葉商事 a few look-ups of <c>invoice-cloud-jp.example</c> and
/// connections to 198.51.100.77 — paste either into /intel/retro-hunt to see it found.
/// </summary>
public sealed partial class DemoSeeder
{
    /// <summary>The names and the address the demo's retro-hunt finds (also in the README).</summary>
    public const string DemoHuntName = "invoice-cloud-jp.example";

    public const string DemoHuntAddress = "198.51.100.77";

    private static readonly string[] s_everydayNames =
    [
        "www.google.co.jp", "outlook.office365.com", "login.microsoftonline.com", "www.yahoo.co.jp",
        "www.e-tax.nta.go.jp", "www.chatwork.com", "update.microsoft.com", "www.jma.go.jp",
    ];

    private async Task SeedStoredSummariesAsync(CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        var aoba = await _db.Companies.Where(c => c.Name == "株式会社青葉商事").Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        var sensors = await _db.Sensors.Where(s => s.Status == SensorStatus.Monitoring)
            .OrderBy(s => s.CompanyId == aoba ? 0 : 1).ThenBy(s => s.Id).Take(6).ToListAsync(cancellationToken);
        foreach (var (sensor, index) in sensors.Select((s, i) => (s, i)))
        {
            var clients = (await _db.DeviceAddresses.Where(a => a.CompanyId == sensor.CompanyId).OrderBy(a => a.Id)
                .Select(a => a.IpAddress).ToListAsync(cancellationToken)).Distinct().Take(3).ToList();
            if (clients.Count == 0)
            {
                clients = [$"192.168.{10 + index}.21", $"192.168.{10 + index}.22"];
            }

            for (var day = 1; day <= 14; day += 3)
            {
                var at = now.AddDays(-day).AddHours(-(index % 5));
                foreach (var (name, n) in s_everydayNames.Select((name, n) => (name, n)))
                {
                    var client = clients[(n + day) % clients.Count];
                    AddName(sensor, n % 3 == 0 ? "tls_sni" : "dns", name, client, at.AddMinutes(n * 7), 3 + ((n + day + index) % 20));
                }

                _db.Set<SensorFlowSummary>().Add(new SensorFlowSummary
                {
                    OperatorId = sensor.OperatorId, CompanyId = sensor.CompanyId, SensorId = sensor.Id, ClientIp = clients[0],
                    ServerIp = "203.0.113." + (10 + index), ServerPort = 443, Protocol = "tcp",
                    FirstSeen = at, LastSeen = at.AddHours(8), Flows = 120 + day * 3, Bytes = 48_000_000 + day * 1_000_000,
                });
            }

            if (sensor.CompanyId == aoba)
            {
                // Looked like nothing when it happened; a feed listed it later.
                var at = now.AddDays(-6).AddHours(-3);
                AddName(sensor, "dns", "cdn." + DemoHuntName, clients[^1], at, 4);
                AddName(sensor, "tls_sni", "cdn." + DemoHuntName, clients[^1], at.AddSeconds(2), 4);
                _db.Set<SensorFlowSummary>().Add(new SensorFlowSummary
                {
                    OperatorId = sensor.OperatorId, CompanyId = sensor.CompanyId, SensorId = sensor.Id, ClientIp = clients[^1],
                    ServerIp = DemoHuntAddress, ServerPort = 443, Protocol = "tcp",
                    FirstSeen = at.AddSeconds(2), LastSeen = at.AddMinutes(41), Flows = 9, Bytes = 2_300_000,
                });
            }
        }

        await _db.SaveChangesAsync(cancellationToken);

        void AddName(NetworkSensor sensor, string kind, string name, string client, DateTimeOffset at, long count) =>
            _db.Set<SensorNameSummary>().Add(new SensorNameSummary
            {
                OperatorId = sensor.OperatorId, CompanyId = sensor.CompanyId, SensorId = sensor.Id, Kind = kind, Name = name,
                ClientIp = client, FirstSeen = at, LastSeen = at.AddHours(6), Count = count,
            });
    }
}
