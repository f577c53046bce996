using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Triage;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Tests.Features.Triage;

/// <summary>A seeded programme and helpers to add alerts and devices for the triage tests.</summary>
public abstract class TriageTestBase : IAsyncLifetime
{
    protected ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 18, 10, 0, 0, TimeSpan.FromHours(9)));

    protected IOptions<TriageOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(new TriageOptions());

    protected SeededDatabase Seeded { get; private set; } = null!;

    protected int Tohoku { get; private set; }

    protected int Hokuriku { get; private set; }

    protected int Aoba { get; private set; }

    protected int Minato { get; private set; }

    public async Task InitializeAsync()
    {
        Seeded = await SeededDatabase.CreateAsync();
        await using var db = Seeded.Database.CreateSystemContext();
        Tohoku = await db.Operators.Where(o => o.Name.Contains("東北")).Select(o => o.Id).SingleAsync();
        Hokuriku = await db.Operators.Where(o => o.Name.Contains("北陸")).Select(o => o.Id).SingleAsync();
        Aoba = await db.Companies.Where(c => c.Name == "株式会社青葉商事").Select(c => c.Id).SingleAsync();
        Minato = await db.Companies.Where(c => c.Name == "株式会社八戸みなと水産").Select(c => c.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await Seeded.DisposeAsync();

    protected AppDbContext Operator() => Seeded.As(t => t.UseOperator(Tohoku));

    protected AppDbContext Member(int companyId) => Seeded.As(t => t.UseMember(Tohoku, companyId));

    protected async Task<Device> AddDeviceAsync(int companyId, string name, string ip, string? usedBy = null, string? host = null)
    {
        await using var db = Seeded.Database.CreateSystemContext();
        var device = new Device { OperatorId = Tohoku, CompanyId = companyId, Name = name, Kind = DeviceKind.Pc, UsedBy = usedBy, HostName = host, IpAddress = null };
        db.Devices.Add(device);
        await db.SaveChangesAsync();
        db.DeviceAddresses.Add(new DeviceAddress
        {
            OperatorId = Tohoku, CompanyId = companyId, DeviceId = device.Id, IpAddress = ip,
            FirstSeen = Time.GetUtcNow().AddDays(-3), LastSeen = Time.GetUtcNow().AddDays(1),
        });
        await db.SaveChangesAsync();
        return device;
    }

    protected async Task<SecurityAlert> AddAlertAsync(
        int companyId, AlertType type, string srcIp, string? dstIp = "203.0.113.7", string? dstName = null,
        TimeSpan? at = null, AlertSeverity severity = AlertSeverity.Medium)
    {
        await using var db = Seeded.Database.CreateSystemContext();
        var seen = Time.GetUtcNow() + (at ?? TimeSpan.Zero);
        var alert = new SecurityAlert
        {
            OperatorId = Tohoku,
            CompanyId = companyId,
            ExternalId = Guid.NewGuid(),
            Type = type,
            KillChain = AlertCatalog.StageOf(type),
            Severity = severity,
            SrcIp = srcIp,
            DstIp = dstIp,
            DstName = dstName,
            FirstSeen = seen,
            LastSeen = seen.AddMinutes(5),
            Count = 3,
            Evidence = "test evidence",
            ReceivedAt = seen,
            UpdatedAt = seen,
            State = AlertState.New,
        };
        db.SecurityAlerts.Add(alert);
        await db.SaveChangesAsync();
        return alert;
    }
}
