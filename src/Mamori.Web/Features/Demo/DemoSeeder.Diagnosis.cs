using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Diagnosis;
using Mamori.Web.Features.Diagnosis.Storage;
using Mamori.Web.Features.Questionnaires;

namespace Mamori.Web.Features.Demo;

/// <summary>
/// Demo diagnoses: most companies have one submitted diagnosis, a few an earlier one too
/// (history), some a SECURITY ACTION declaration. Answers come from a fixed pseudo-random walk
/// over the questionnaire with a per-company "maturity", so the same run gives the same rows.
/// The operator's imported earlier-year peers bring wholesale/retail and manufacturing to five
/// or more companies, so their industry averages show while the others' stay hidden.
/// </summary>
public sealed partial class DemoSeeder
{
    private static readonly Lazy<DiagnosisContentCatalog> s_diagnosisContent = new(DiagnosisContentCatalog.LoadEmbedded);

    /// <summary>Companies (by position in the operator's list) left without a diagnosis, to show "not yet".</summary>
    private static readonly HashSet<int> s_withoutDiagnosis = [4, 11, 15];

    /// <summary>Companies with an earlier diagnosis a year before, for the history.</summary>
    private static readonly HashSet<int> s_withHistory = [0, 6, 8, 14];

    private static readonly (Industry Industry, int Maturity)[] s_importedPeers =
    [
        (Industry.WholesaleRetail, 35), (Industry.WholesaleRetail, 55), (Industry.WholesaleRetail, 70),
        (Industry.Manufacturing, 45), (Industry.Manufacturing, 60), (Industry.Manufacturing, 80),
    ];

    private void AddDemoDiagnoses(int operatorId, List<(int Id, Industry Industry)> companies)
    {
        var content = s_diagnosisContent.Value.Latest;
        for (var i = 0; i < companies.Count; i++)
        {
            if (s_withoutDiagnosis.Contains(i))
            {
                continue;
            }

            var (companyId, industry) = companies[i];
            var maturity = 25 + ((i * 37) % 65);
            if (s_withHistory.Contains(i))
            {
                AddDemoDiagnosis(content, operatorId, companyId, industry, i, maturity - 20, new DateOnly(2025, 10, 1).AddDays(i));
            }

            var record = AddDemoDiagnosis(content, operatorId, companyId, industry, i + 100, maturity, new DateOnly(2026, 10, 1).AddDays(i));
            var readiness = SecurityActionAssessment.Assess(content, record);
            if (readiness.Reachable > SecurityActionStars.None && i % 2 == 0)
            {
                _db.SecurityActionRecords.Add(new SecurityActionRecord
                {
                    OperatorId = operatorId,
                    CompanyId = companyId,
                    Stars = readiness.Reachable,
                    DeclarationId = $"DEMO-{2026_0000 + i:D8}",
                    DeclaredOn = new DateOnly(2026, 10, 20).AddDays(i),
                    PolicyUrl = readiness.Reachable == SecurityActionStars.Two ? $"https://company{i}.example/policy" : null,
                    RecordedAt = new DateTimeOffset(2026, 10, 21, 0, 0, 0, TimeSpan.Zero).AddDays(i),
                });
            }
        }

        for (var p = 0; p < s_importedPeers.Length; p++)
        {
            var (industry, maturity) = s_importedPeers[p];
            var answers = DemoAnswers(content, 1000 + p, maturity);
            var scores = DiagnosisEvaluator.BenchmarkScores(content, QuestionnaireScorer.Score(content.Questionnaire, answers), SelfCheckEvaluator.Evaluate(content, answers));
            _db.PeerScoreImports.Add(new PeerScoreImport
            {
                OperatorId = operatorId,
                Source = "2025年度 実証事業",
                Industry = industry,
                AnsweredOn = new DateOnly(2025, 12, 1),
                ScoresJson = DiagnosisBenchmark.WriteScores(scores),
            });
        }
    }

    private AnswerSet AddDemoDiagnosis(DiagnosisContent content, int operatorId, int companyId, Industry industry, int seed, int maturity, DateOnly answeredOn)
    {
        var answers = DemoAnswers(content, seed, maturity);
        var at = new DateTimeOffset(answeredOn.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
        var record = new DiagnosisRecord
        {
            OperatorId = operatorId,
            CompanyId = companyId,
            QuestionnaireId = content.Questionnaire.Id,
            QuestionnaireVersion = content.Questionnaire.Version,
            Status = AnswerStatus.Submitted,
            EntryMode = seed % 3 == 0 ? AnswerEntryMode.Self : AnswerEntryMode.AdvisorRemoteHearing,
            EnteredByUserId = "demo",
            EnteredByName = seed % 3 == 0 ? "会員企業" : DemoLogins.TohokuAdvisor.DisplayName,
            StartedAt = at,
            UpdatedAt = at,
            SubmittedAt = at,
            AnsweredOn = answeredOn,
            AnswersJson = DiagnosisAnswersJson.Write(answers.Answers),
        };
        _db.DiagnosisRecords.Add(record);
        var scores = DiagnosisEvaluator.BenchmarkScores(content, QuestionnaireScorer.Score(content.Questionnaire, answers), SelfCheckEvaluator.Evaluate(content, answers));
        _db.DiagnosisBenchmarks.Add(new DiagnosisBenchmark
        {
            OperatorId = operatorId,
            CompanyId = companyId,
            DiagnosisRecord = record,
            Industry = industry,
            AnsweredOn = answeredOn,
            ScoresJson = DiagnosisBenchmark.WriteScores(scores),
        });
        return answers;
    }

    /// <summary>
    /// A complete, valid answer set: each visible question in order gets an answer; scored choices
    /// lean to the best option with probability <paramref name="maturity"/>%.
    /// </summary>
    internal static AnswerSet DemoAnswers(DiagnosisContent content, int seed, int maturity)
    {
        var random = new Random(seed);
        var q = content.Questionnaire;
        var answers = AnswerSet.StartDraft(q, AnswerEntryMode.AdvisorRemoteHearing);
        foreach (var question in q.Questions)
        {
            if (!QuestionVisibility.VisibleQuestionIds(q, answers).Contains(question.Id))
            {
                continue;
            }

            var options = question.Options.Count > 0 ? question.Options
                : question.OptionSet is not null && q.OptionSets.TryGetValue(question.OptionSet, out var set) ? set : [];
            var plain = options.Where(o => !o.IsOther).ToList();
            Answer answer = question.Kind switch
            {
                QuestionKind.SingleChoice when plain.Any(o => o.Score is not null) =>
                    Answer.Choice((random.Next(100) < maturity
                        ? plain.MaxBy(o => o.Score)!
                        : plain[random.Next(plain.Count)]).Id),
                QuestionKind.SingleChoice => Answer.Choice(plain[random.Next(plain.Count)].Id),
                QuestionKind.MultipleChoice => Answer.Choice(plain.Where(o => !o.IsExclusive).ToList() is { Count: > 0 } pick ? pick[random.Next(pick.Count)].Id : plain[0].Id),
                QuestionKind.Number => Answer.Of(Math.Clamp(1 + random.Next(10), question.Min ?? 0, question.Max ?? 100)),
                _ => Answer.OfText(question.MaxLength is < 30 ? "デモ" : $"https://company{seed}.example/policy"),
            };
            answers = answers.With(question.Id, answer);
        }

        var submitted = AnswerValidator.Submit(q, answers);
        return submitted.IsValid
            ? submitted.Answers
            : throw new InvalidOperationException("Demo answers do not validate: " + string.Join(", ", submitted.Errors.Select(e => e.QuestionId + " " + e.Code)));
    }
}
