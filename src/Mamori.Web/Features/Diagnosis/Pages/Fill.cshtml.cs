using System.Globalization;
using Mamori.Web.Data;
using Mamori.Web.Features.Questionnaires;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Diagnosis.Pages;

/// <summary>
/// Fills in a draft one section at a time. Each "save" stores the section as a draft; "submit"
/// on the last section checks everything. Fields are named <c>q.{questionId}</c> (and
/// <c>q.{questionId}.other</c>), so the form works without JavaScript.
/// </summary>
public sealed class FillModel(AppDbContext db, DiagnosisContentCatalog catalog, SaveDiagnosisAnswersHandler save) : PageModel
{
    public int DiagnosisId { get; private set; }

    public string CompanyName { get; private set; } = string.Empty;

    public QuestionnaireDefinition Questionnaire { get; private set; } = null!;

    public IReadOnlyList<SectionDefinition> Sections { get; private set; } = [];

    public SectionDefinition Section { get; private set; } = null!;

    public int SectionIndex { get; private set; }

    public AnswerSet Answers { get; private set; } = null!;

    public IReadOnlyList<AnswerError> Errors { get; private set; } = [];

    public bool Saved { get; private set; }

    public bool IsLast => SectionIndex == Sections.Count - 1;

    public async Task<IActionResult> OnGetAsync(int id, int? section, bool? saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, section ?? 0, cancellationToken))
        {
            return NotFound();
        }

        Saved = saved == true;
        return Answers.Status == AnswerStatus.Submitted ? Redirect($"/diagnosis/{id}") : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int? section, string? action, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, section ?? 0, cancellationToken))
        {
            return NotFound();
        }

        var (answers, problems) = ReadSection(Section, Request.Form);
        var submit = string.Equals(action, "submit", StringComparison.Ordinal);
        var result = await save.HandleAsync(new SaveDiagnosisAnswersRequest(id, answers, problems, submit), cancellationToken);
        switch (result.Outcome)
        {
            case SaveDiagnosisOutcome.NotFound:
                return NotFound();
            case SaveDiagnosisOutcome.AlreadySubmitted:
            case SaveDiagnosisOutcome.Submitted:
                return Redirect($"/diagnosis/{id}");
            case SaveDiagnosisOutcome.Saved:
                var next = string.Equals(action, "back", StringComparison.Ordinal) ? Math.Max(0, SectionIndex - 1)
                    : string.Equals(action, "stay", StringComparison.Ordinal) ? SectionIndex
                    : Math.Min(Sections.Count - 1, SectionIndex + 1);
                return Redirect($"/diagnosis/{id}/fill?section={next}&saved=true");
            default:
                // Show the typed answers again with the messages; the first section with an error is shown.
                foreach (var (qid, answer) in answers)
                {
                    Answers = Answers.With(qid, answer);
                }

                Errors = result.Errors;
                var firstError = Sections.Select((s, i) => (s, i)).FirstOrDefault(x => x.s.Questions.Any(q => Errors.Any(e => e.QuestionId == q.Id)));
                if (firstError.s is not null && firstError.i != SectionIndex)
                {
                    SectionIndex = firstError.i;
                    Section = firstError.s;
                }

                return Page();
        }
    }

    public IEnumerable<AnswerError> ErrorsFor(string questionId) => Errors.Where(e => e.QuestionId == questionId);

    internal static (Dictionary<string, Answer> Answers, Dictionary<string, LocalizedText> Problems) ReadSection(SectionDefinition section, IFormCollection form)
    {
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var problems = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var q in section.Questions)
        {
            var values = form["q." + q.Id].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToArray();
            switch (q.Kind)
            {
                case QuestionKind.SingleChoice:
                case QuestionKind.MultipleChoice:
                    var other = form["q." + q.Id + ".other"].ToString();
                    answers[q.Id] = new Answer { Selected = values, OtherText = string.IsNullOrWhiteSpace(other) ? null : other };
                    break;
                case QuestionKind.Number:
                    if (values.Length == 0)
                    {
                        answers[q.Id] = new Answer();
                    }
                    else if (decimal.TryParse(values[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
                    {
                        answers[q.Id] = Answer.Of(n);
                    }
                    else
                    {
                        problems[q.Id] = new("数字で入れてください(例: 12)。", "Please enter a number (e.g. 12).");
                    }

                    break;
                default:
                    answers[q.Id] = values.Length == 0 ? new Answer() : Answer.OfText(values[0]);
                    break;
            }
        }

        return (answers, problems);
    }

    private async Task<bool> LoadAsync(int id, int section, CancellationToken cancellationToken)
    {
        var record = await db.DiagnosisRecords.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (record is null)
        {
            return false;
        }

        CompanyName = await db.Companies.Where(c => c.Id == record.CompanyId).Select(c => c.Name).SingleAsync(cancellationToken);
        DiagnosisId = id;
        Answers = record.ToAnswerSet();
        Questionnaire = catalog.For(Answers).Questionnaire;
        Sections = Questionnaire.Sections;
        SectionIndex = Math.Clamp(section, 0, Sections.Count - 1);
        Section = Sections[SectionIndex];
        return true;
    }
}
