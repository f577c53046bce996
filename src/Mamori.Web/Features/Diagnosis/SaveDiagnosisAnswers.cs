using Mamori.Web.Data;
using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Diagnosis.Storage;
using Mamori.Web.Features.Questionnaires;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Diagnosis;

/// <summary>
/// Answers typed into one section. <see cref="Problems"/> holds what the form could not even turn
/// into an answer (e.g. letters in a number field), keyed by question id.
/// </summary>
public sealed record SaveDiagnosisAnswersRequest(
    int DiagnosisId,
    IReadOnlyDictionary<string, Answer> Answers,
    IReadOnlyDictionary<string, LocalizedText> Problems,
    bool Submit);

public enum SaveDiagnosisOutcome
{
    NotFound,
    AlreadySubmitted,
    Invalid,
    Saved,
    Submitted,
}

public sealed record SaveDiagnosisAnswersResult(SaveDiagnosisOutcome Outcome, IReadOnlyList<AnswerError> Errors);

/// <summary>
/// Saves a section as a draft, or submits the whole diagnosis. Nothing is stored when any answer
/// is invalid. On submission the benchmark scores are stored with the company's industry.
/// </summary>
public sealed class SaveDiagnosisAnswersHandler(AppDbContext db, DiagnosisContentCatalog catalog, TimeProvider clock)
{
    public async Task<SaveDiagnosisAnswersResult> HandleAsync(SaveDiagnosisAnswersRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = await db.DiagnosisRecords.SingleOrDefaultAsync(d => d.Id == request.DiagnosisId, cancellationToken);
        if (record is null)
        {
            return new(SaveDiagnosisOutcome.NotFound, []);
        }

        if (record.Status != AnswerStatus.Draft)
        {
            return new(SaveDiagnosisOutcome.AlreadySubmitted, []);
        }

        var current = record.ToAnswerSet();
        var merged = current;
        foreach (var (id, answer) in request.Answers)
        {
            merged = merged.With(id, answer);
        }

        var content = catalog.For(merged);
        var formErrors = request.Problems.Select(p => new AnswerError(p.Key, AnswerErrorCode.WrongKind, p.Value)).ToList();
        var checkedAnswers = request.Submit ? AnswerValidator.Submit(content.Questionnaire, merged) : AnswerValidator.ValidateDraft(content.Questionnaire, merged);
        var errors = formErrors.Concat(checkedAnswers.Errors.Where(e => !request.Problems.ContainsKey(e.QuestionId))).ToList();
        if (errors.Count > 0)
        {
            return new(SaveDiagnosisOutcome.Invalid, errors);
        }

        var now = clock.GetUtcNow();
        record.AnswersJson = DiagnosisAnswersJson.Write(checkedAnswers.Answers.Answers);
        record.UpdatedAt = now;
        if (!request.Submit)
        {
            await db.SaveChangesAsync(cancellationToken);
            return new(SaveDiagnosisOutcome.Saved, []);
        }

        var industry = await db.Companies.Where(c => c.Id == record.CompanyId).Select(c => c.Industry).SingleAsync(cancellationToken);
        var answeredOn = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(9)).DateTime);
        record.Status = AnswerStatus.Submitted;
        record.SubmittedAt = now;
        record.AnsweredOn = answeredOn;
        var scores = QuestionnaireScorer.Score(content.Questionnaire, checkedAnswers.Answers);
        var selfCheck = SelfCheckEvaluator.Evaluate(content, checkedAnswers.Answers);
        db.DiagnosisBenchmarks.Add(new DiagnosisBenchmark
        {
            OperatorId = record.OperatorId,
            CompanyId = record.CompanyId,
            DiagnosisRecordId = record.Id,
            Industry = industry,
            AnsweredOn = answeredOn,
            ScoresJson = DiagnosisBenchmark.WriteScores(DiagnosisEvaluator.BenchmarkScores(content, scores, selfCheck)),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new(SaveDiagnosisOutcome.Submitted, []);
    }

    /// <summary>Industry code as the engine compares it.</summary>
    public static string IndustryCode(Industry industry) => industry.ToString();
}
