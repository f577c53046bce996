using Mamori.Web.Data;
using Mamori.Web.Features.Diagnosis.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Diagnosis;

/// <summary>
/// The inputs of peer averages: the latest submitted diagnosis of every company of the current
/// operator plus the operator's imported earlier participants. This is the one place that reads
/// other companies' scores past the company filter (the operator filter still applies); callers
/// only ever show averages of at least <see cref="PeerBenchmark.MinimumCompanies"/> of them.
/// </summary>
public static class PeerScores
{
    public static async Task<IReadOnlyList<ParticipantScores>> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.DiagnosisBenchmarks
            .IgnoreQueryFilters([TenantFilters.Company])
            .Select(b => new { b.Id, b.CompanyId, b.Industry, b.AnsweredOn, b.ScoresJson })
            .ToListAsync(cancellationToken);
        var latest = rows
            .GroupBy(r => r.CompanyId)
            .Select(g => g.OrderByDescending(r => r.AnsweredOn).ThenByDescending(r => r.Id).First())
            .Select(r => new ParticipantScores("c" + r.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Industry.ToString(), DiagnosisBenchmark.ReadScores(r.ScoresJson)));
        var imported = (await db.PeerScoreImports.Select(p => new { p.Id, p.Industry, p.ScoresJson }).ToListAsync(cancellationToken))
            .Select(p => new ParticipantScores("i" + p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Industry.ToString(), DiagnosisBenchmark.ReadScores(p.ScoresJson)));
        return [.. latest, .. imported];
    }

    public static async Task<IReadOnlyDictionary<string, double>> NationalReferenceAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var values = await db.NationalReferenceValues.Select(n => new { n.Key, n.Value }).ToListAsync(cancellationToken);
        return values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
    }
}
