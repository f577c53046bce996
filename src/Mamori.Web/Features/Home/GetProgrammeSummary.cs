using Mamori.Web.Data;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Regions;
using Mamori.Web.Features.Sensors;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Home;

/// <summary>Figures for the staff home pages: the programme of the signed-in user's operator.</summary>
public sealed record ProgrammeSummary(
    string OperatorName,
    int Companies,
    int Sites,
    int Sensors,
    int SensorsMonitoring,
    int Devices,
    int Vendors,
    IReadOnlyList<(Industry Industry, int Count)> ByIndustry,
    IReadOnlyList<(Prefecture Prefecture, int Count)> ByPrefecture);

public sealed class GetProgrammeSummaryHandler(AppDbContext db)
{
    public async Task<ProgrammeSummary> HandleAsync(CancellationToken cancellationToken)
    {
        var operatorName = await db.Operators.Select(o => o.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        var byIndustry = await db.Companies.GroupBy(c => c.Industry)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byPrefecture = await db.Companies.GroupBy(c => c.Prefecture)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        return new ProgrammeSummary(
            operatorName,
            byIndustry.Sum(g => g.Count),
            await db.Sites.CountAsync(cancellationToken),
            await db.Sensors.CountAsync(cancellationToken),
            await db.Sensors.CountAsync(s => s.Status == SensorStatus.Monitoring, cancellationToken),
            await db.Devices.CountAsync(cancellationToken),
            await db.Vendors.CountAsync(cancellationToken),
            [.. byIndustry.OrderBy(g => g.Key).Select(g => (g.Key, g.Count))],
            [.. byPrefecture.OrderBy(g => g.Key).Select(g => (g.Key, g.Count))]);
    }
}
