using Mamori.Web.Data;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Diagnosis.Storage;
using Mamori.Web.Features.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Diagnosis;

/// <summary>What the result page (and its print view) shows.</summary>
public sealed record DiagnosisResultView(
    int DiagnosisId,
    int CompanyId,
    string CompanyName,
    Industry Industry,
    DateOnly AnsweredOn,
    AnswerEntryMode EntryMode,
    string EnteredByName,
    DiagnosisContent Content,
    DiagnosisResult Result,
    SecurityActionDeclaration? Declaration,
    string? PolicyUrl,
    IReadOnlyList<DiagnosisListItem> Diagnoses);

public sealed record DiagnosisListItem(int Id, AnswerStatus Status, AnswerEntryMode EntryMode, DateOnly? AnsweredOn, DateTimeOffset UpdatedAt);

/// <summary>Evaluates one submitted diagnosis against the current peers, references and the company's history.</summary>
public sealed class GetDiagnosisResultHandler(AppDbContext db, DiagnosisContentCatalog catalog)
{
    /// <returns>Null when the diagnosis is not visible or not submitted.</returns>
    public async Task<DiagnosisResultView?> HandleAsync(int diagnosisId, CancellationToken cancellationToken)
    {
        var record = await db.DiagnosisRecords.AsNoTracking().SingleOrDefaultAsync(d => d.Id == diagnosisId, cancellationToken);
        if (record is null || record.Status != AnswerStatus.Submitted || record.AnsweredOn is not DateOnly answeredOn)
        {
            return null;
        }

        var company = await db.Companies.AsNoTracking().Where(c => c.Id == record.CompanyId).Select(c => new { c.Name, c.Industry }).SingleAsync(cancellationToken);
        var earlier = await db.DiagnosisBenchmarks.AsNoTracking()
            .Where(b => b.CompanyId == record.CompanyId && b.DiagnosisRecordId != record.Id && b.AnsweredOn <= answeredOn)
            .Select(b => new { b.AnsweredOn, b.ScoresJson })
            .ToListAsync(cancellationToken);
        var declaration = await db.SecurityActionRecords.AsNoTracking()
            .Where(s => s.CompanyId == record.CompanyId)
            .OrderByDescending(s => s.DeclaredOn).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var answers = record.ToAnswerSet();
        var context = new DiagnosisContext
        {
            IndustryCode = company.Industry.ToString(),
            AnsweredOn = answeredOn,
            Participants = await PeerScores.LoadAsync(db, cancellationToken),
            NationalReference = await PeerScores.NationalReferenceAsync(db, cancellationToken),
            History = earlier.Select(e => new PastDiagnosis(e.AnsweredOn, DiagnosisBenchmark.ReadScores(e.ScoresJson))).ToList(),
        };
        var result = DiagnosisEvaluator.Evaluate(catalog, answers, context);
        var diagnoses = await ListDiagnosesAsync(db, record.CompanyId, cancellationToken);
        return new DiagnosisResultView(
            record.Id, record.CompanyId, company.Name, company.Industry, answeredOn, record.EntryMode, record.EnteredByName,
            catalog.For(answers), result, declaration?.ToDeclaration(), declaration?.PolicyUrl, diagnoses);
    }

    public static async Task<IReadOnlyList<DiagnosisListItem>> ListDiagnosesAsync(AppDbContext db, int companyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.DiagnosisRecords.AsNoTracking()
            .Where(d => d.CompanyId == companyId)
            .Select(d => new DiagnosisListItem(d.Id, d.Status, d.EntryMode, d.AnsweredOn, d.UpdatedAt))
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(d => d.AnsweredOn ?? DateOnly.MaxValue).ThenByDescending(d => d.Id).ToList();
    }
}
