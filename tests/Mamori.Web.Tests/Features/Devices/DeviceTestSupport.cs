using Mamori.Web.Data;
using Mamori.Web.Features.Devices;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Tests.Features.Devices;

/// <summary>A seeded database with the ids the device tests use, a clock and a small vendor registry.</summary>
public sealed class DeviceTestContext : IAsyncDisposable
{
    /// <summary>A registry of three makers, written to a temporary file in the IEEE CSV format.</summary>
    public const string OuiCsv = """
        Registry,Assignment,Organization Name,Organization Address
        MA-L,001B21,Intel Corporate,"Lot 8, Jalan Hi-Tech 2/3  Kulim Kedah  MY 09000 "
        MA-L,008077,"Brother industries, LTD.",15-1 Naeshiro-cho Nagoya Aichi-pref  JP 467 
        MA-L,001132,Synology Incorporated,"3F-3, No. 106, Chang An W. Rd. Taipei  TW 103 "
        MA-M,001BC50,Some Block Owner,Somewhere
        """;

    private readonly string _ouiFile;

    private DeviceTestContext(SeededDatabase seeded, string ouiFile)
    {
        Seeded = seeded;
        _ouiFile = ouiFile;
        Oui = new OuiRegistry(Options.Create(new DeviceInventoryOptions { OuiFile = ouiFile }), NullLogger<OuiRegistry>.Instance);
    }

    public SeededDatabase Seeded { get; }

    public OuiRegistry Oui { get; }

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(9)));

    public int Tohoku { get; private set; }

    public int Hokuriku { get; private set; }

    public int Aoba { get; private set; }

    public int Minato { get; private set; }

    public static async Task<DeviceTestContext> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var seeded = await SeededDatabase.CreateAsync(provider);
        var file = Path.Combine(Path.GetTempPath(), "mamori-oui-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(file, OuiCsv);
        var context = new DeviceTestContext(seeded, file);
        await using var db = seeded.Database.CreateSystemContext();
        context.Tohoku = await db.Operators.Where(o => o.Name.Contains("東北")).Select(o => o.Id).SingleAsync();
        context.Hokuriku = await db.Operators.Where(o => o.Name.Contains("北陸")).Select(o => o.Id).SingleAsync();
        context.Aoba = await db.Companies.Where(c => c.Name == "株式会社青葉商事").Select(c => c.Id).SingleAsync();
        context.Minato = await db.Companies.Where(c => c.Name == "株式会社八戸みなと水産").Select(c => c.Id).SingleAsync();
        return context;
    }

    public AppDbContext System() => Seeded.Database.CreateSystemContext();

    public AppDbContext Staff() => Seeded.As(t => t.UseOperator(Tohoku));

    public AppDbContext Member(int companyId) => Seeded.As(t => t.UseMember(Tohoku, companyId));

    public async Task<ProcessObservationsResult> ProcessAsync()
    {
        await using var db = System();
        return await new ProcessDeviceObservationsHandler(db, Oui, Time, NullLogger<ProcessDeviceObservationsHandler>.Instance)
            .HandleAsync(500, CancellationToken.None);
    }

    public async Task ObserveAsync(params DeviceObservation[] observations)
    {
        await using var db = System();
        db.DeviceObservations.AddRange(observations);
        await db.SaveChangesAsync();
    }

    public DeviceObservation Sighting(string? mac, string ip, DateTimeOffset first, DateTimeOffset last, string source = "dhcp",
        string? host = null, string? names = null, string? vendorClass = null, string? userAgent = null, int? companyId = null) => new()
        {
            OperatorId = Tohoku,
            CompanyId = companyId ?? Aoba,
            MacAddress = mac,
            IpAddress = ip,
            HostName = host,
            Names = names,
            VendorClass = vendorClass,
            UserAgent = userAgent,
            Source = source,
            FirstSeen = first,
            LastSeen = last,
            ReceivedAt = last,
        };

    public async ValueTask DisposeAsync()
    {
        await Seeded.DisposeAsync();
        File.Delete(_ouiFile);
    }
}
