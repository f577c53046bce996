using Mamori.Web.Data;
using Mamori.Web.Features.Diagnosis.Storage;
using Mamori.Web.Features.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Diagnosis;

/// <summary>Who starts a diagnosis, for which company, in which mode.</summary>
public sealed record StartDiagnosisRequest(int CompanyId, AnswerEntryMode Mode, string UserId, string UserName);

/// <summary>
/// Opens a draft on the newest questionnaire version, or returns the company's open draft so two
/// people never fill in two drafts of the same company at once.
/// </summary>
public sealed class StartDiagnosisHandler(AppDbContext db, DiagnosisContentCatalog catalog, TimeProvider clock)
{
    /// <returns>The draft's id, or null when the company is not visible to the current user.</returns>
    public async Task<int?> HandleAsync(StartDiagnosisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var company = await db.Companies.Where(c => c.Id == request.CompanyId).Select(c => new { c.Id, c.OperatorId }).SingleOrDefaultAsync(cancellationToken);
        if (company is null)
        {
            return null;
        }

        var open = await db.DiagnosisRecords
            .Where(d => d.CompanyId == company.Id && d.Status == AnswerStatus.Draft)
            .OrderByDescending(d => d.Id)
            .Select(d => (int?)d.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (open is not null)
        {
            return open;
        }

        var questionnaire = catalog.Latest.Questionnaire;
        var now = clock.GetUtcNow();
        var record = new DiagnosisRecord
        {
            OperatorId = company.OperatorId,
            CompanyId = company.Id,
            QuestionnaireId = questionnaire.Id,
            QuestionnaireVersion = questionnaire.Version,
            Status = AnswerStatus.Draft,
            EntryMode = request.Mode,
            EnteredByUserId = request.UserId,
            EnteredByName = request.UserName,
            StartedAt = now,
            UpdatedAt = now,
            AnswersJson = "{}",
        };
        db.DiagnosisRecords.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record.Id;
    }
}
