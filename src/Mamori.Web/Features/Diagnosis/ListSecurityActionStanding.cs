using Mamori.Web.Data;
using Mamori.Web.Features.Diagnosis.Storage;
using Mamori.Web.Features.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Diagnosis;

public sealed record SecurityActionStandingRow(
    int CompanyId,
    string CompanyName,
    SecurityActionStage Stage,
    DateOnly? LastDiagnosisOn,
    SecurityActionDeclaration? Declaration);

/// <summary>Where each member of the operator stands on SECURITY ACTION, from its latest submitted diagnosis and latest declaration.</summary>
public sealed class ListSecurityActionStandingHandler(AppDbContext db, DiagnosisContentCatalog catalog)
{
    public async Task<IReadOnlyList<SecurityActionStandingRow>> HandleAsync(SecurityActionStage? filter, CancellationToken cancellationToken)
    {
        var companies = await db.Companies.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
        var diagnoses = await db.DiagnosisRecords.AsNoTracking().Where(d => d.Status == AnswerStatus.Submitted).ToListAsync(cancellationToken);
        var declarations = await db.SecurityActionRecords.AsNoTracking().ToListAsync(cancellationToken);
        var rows = companies.Select(c =>
        {
            var latest = diagnoses.Where(d => d.CompanyId == c.Id).OrderByDescending(d => d.AnsweredOn).ThenByDescending(d => d.Id).FirstOrDefault();
            var declared = declarations.Where(d => d.CompanyId == c.Id).OrderByDescending(d => d.DeclaredOn).ThenByDescending(d => d.Id).FirstOrDefault()?.ToDeclaration();
            var readiness = latest is null
                ? new SecurityActionReadiness(SecurityActionStars.None, [], [])
                : SecurityActionAssessment.Assess(catalog.For(latest.ToAnswerSet()), latest.ToAnswerSet());
            return new SecurityActionStandingRow(c.Id, c.Name, SecurityActionStanding.Of(readiness, declared), latest?.AnsweredOn, declared);
        });
        return rows.Where(r => filter is null || r.Stage == filter).ToList();
    }
}
