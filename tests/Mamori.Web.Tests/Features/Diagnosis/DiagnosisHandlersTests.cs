using Mamori.Web.Features.Demo;
using Mamori.Web.Features.Diagnosis;
using Mamori.Web.Features.Diagnosis.Storage;
using Mamori.Web.Features.Questionnaires;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests.Features.Diagnosis;

/// <summary>The diagnosis use cases on a real, demo-seeded SQLite database (each test its own database).</summary>
public sealed class DiagnosisHandlersTests : IAsyncLifetime
{
    private static readonly DiagnosisContentCatalog s_catalog = DiagnosisContentCatalog.LoadEmbedded();
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));
    private SeededDatabase _seeded = null!;
    private int _tohoku;
    private int _aoba;
    private int _minato;

    public async Task InitializeAsync()
    {
        _seeded = await SeededDatabase.CreateAsync();
        _tohoku = await _seeded.SystemQueryAsync(db => db.Operators.Where(o => o.Name.Contains("東北")).Select(o => o.Id).SingleAsync());
        _aoba = await _seeded.SystemQueryAsync(db => db.Companies.Where(c => c.Name == "株式会社青葉商事").Select(c => c.Id).SingleAsync());
        _minato = await _seeded.SystemQueryAsync(db => db.Companies.Where(c => c.Name == "株式会社八戸みなと水産").Select(c => c.Id).SingleAsync());
    }

    public async Task DisposeAsync() => await _seeded.DisposeAsync();

    [Fact]
    public async Task StartSaveSubmit_AdvisorRemoteHearing_StoresAnswersAndBenchmark()
    {
        var id = await StartAsync(AnswerEntryMode.AdvisorRemoteHearing);
        var answers = DemoSeeder.DemoAnswers(s_catalog.Latest, 7, 50);
        var section = s_catalog.Latest.Questionnaire.Sections[0];
        var first = answers.Answers.Where(a => section.Questions.Any(q => q.Id == a.Key)).ToDictionary(a => a.Key, a => a.Value);

        await using (var db = _seeded.As(t => t.UseOperator(_tohoku)))
        {
            var saved = await new SaveDiagnosisAnswersHandler(db, s_catalog, _clock).HandleAsync(new(id, first, new Dictionary<string, LocalizedText>(), Submit: false), CancellationToken.None);
            Assert.Equal(SaveDiagnosisOutcome.Saved, saved.Outcome);
        }

        await using (var db = _seeded.As(t => t.UseOperator(_tohoku)))
        {
            var submitted = await new SaveDiagnosisAnswersHandler(db, s_catalog, _clock).HandleAsync(new(id, answers.Answers, new Dictionary<string, LocalizedText>(), Submit: true), CancellationToken.None);
            Assert.Equal(SaveDiagnosisOutcome.Submitted, submitted.Outcome);
        }

        await using var check = _seeded.As(t => t.UseOperator(_tohoku));
        var record = await check.DiagnosisRecords.SingleAsync(d => d.Id == id);
        Assert.Equal(AnswerStatus.Submitted, record.Status);
        Assert.Equal(AnswerEntryMode.AdvisorRemoteHearing, record.EntryMode);
        Assert.Equal(new DateOnly(2026, 11, 22), record.AnsweredOn);
        Assert.Equal(answers.Answers.Count, record.ToAnswerSet().Answers.Count);
        var benchmark = await check.DiagnosisBenchmarks.SingleAsync(b => b.DiagnosisRecordId == id);
        Assert.Equal(Mamori.Web.Features.Companies.Industry.WholesaleRetail, benchmark.Industry);
        Assert.True(benchmark.Scores.ContainsKey(DiagnosisEvaluator.SelfCheckTotalKey));

        var view = await new GetDiagnosisResultHandler(check, s_catalog).HandleAsync(id, CancellationToken.None);
        Assert.NotNull(view);
        var office = view.Result.Comparisons.Single(c => c.Key == "office");
        // Wholesale/retail: 青葉商事 (its new diagnosis), 酒田米穀店 and three imported peers.
        Assert.Equal(5, office.Industry.CompanyCount);
        Assert.NotNull(office.Industry.Value);
        Assert.True(view.Result.History.Single(h => h.Key == "office").Points.Count >= 2);
    }

    [Fact]
    public async Task Save_LettersInNumberField_RefusedAndNothingStored()
    {
        var id = await StartAsync(AnswerEntryMode.Self);
        var number = s_catalog.Latest.Questionnaire.Questions.First(q => q.Kind == QuestionKind.Number);
        await using var db = _seeded.As(t => t.UseMember(_tohoku, _aoba));
        var result = await new SaveDiagnosisAnswersHandler(db, s_catalog, _clock).HandleAsync(
            new(id, new Dictionary<string, Answer>(), new Dictionary<string, LocalizedText> { [number.Id] = new("数字で", "number") }, Submit: false),
            CancellationToken.None);

        Assert.Equal(SaveDiagnosisOutcome.Invalid, result.Outcome);
        Assert.Equal(number.Id, Assert.Single(result.Errors).QuestionId);
        Assert.Equal("{}", (await db.DiagnosisRecords.AsNoTracking().SingleAsync(d => d.Id == id)).AnswersJson);
    }

    [Fact]
    public async Task Submit_Incomplete_RequiredErrorsAndStaysDraft()
    {
        var id = await StartAsync(AnswerEntryMode.Self);
        await using var db = _seeded.As(t => t.UseMember(_tohoku, _aoba));
        var result = await new SaveDiagnosisAnswersHandler(db, s_catalog, _clock).HandleAsync(
            new(id, new Dictionary<string, Answer>(), new Dictionary<string, LocalizedText>(), Submit: true), CancellationToken.None);

        Assert.Equal(SaveDiagnosisOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Errors, e => e.Code == AnswerErrorCode.Required);
        Assert.Equal(AnswerStatus.Draft, (await db.DiagnosisRecords.AsNoTracking().SingleAsync(d => d.Id == id)).Status);
        Assert.False(await db.DiagnosisBenchmarks.AnyAsync(b => b.DiagnosisRecordId == id));
    }

    [Fact]
    public async Task Records_MemberOfOtherCompany_SeesNoneAndCannotStart()
    {
        var id = await StartAsync(AnswerEntryMode.AdvisorRemoteHearing);
        await using var db = _seeded.As(t => t.UseMember(_tohoku, _minato));
        Assert.False(await db.DiagnosisRecords.AnyAsync(d => d.CompanyId == _aoba));
        Assert.False(await db.DiagnosisBenchmarks.AnyAsync(b => b.CompanyId == _aoba));
        Assert.False(await db.SecurityActionRecords.AnyAsync(s => s.CompanyId == _aoba));
        Assert.Null(await new GetDiagnosisResultHandler(db, s_catalog).HandleAsync(id, CancellationToken.None));
        Assert.Null(await new StartDiagnosisHandler(db, s_catalog, _clock).HandleAsync(new(_aoba, AnswerEntryMode.Self, "x", "x"), CancellationToken.None));
        // Peer averages still count every company of the operator, without naming any.
        Assert.True((await PeerScores.LoadAsync(db, CancellationToken.None)).Count >= 17);
    }

    [Fact]
    public async Task RecordDeclaration_BadInput_MessagesAndNothingStored()
    {
        await using var db = _seeded.As(t => t.UseOperator(_tohoku));
        var before = await db.SecurityActionRecords.CountAsync();
        var handler = new RecordSecurityActionDeclarationHandler(db, _clock);

        var problems = await handler.HandleAsync(new(_aoba, SecurityActionStars.None, " ", new DateOnly(2027, 1, 1), "ftp://x"), CancellationToken.None);

        Assert.NotNull(problems);
        Assert.Equal(4, problems.Count);
        Assert.Equal(before, await db.SecurityActionRecords.CountAsync());

        var ok = await handler.HandleAsync(new(_aoba, SecurityActionStars.One, " SA-123 ", new DateOnly(2026, 11, 1), null), CancellationToken.None);
        Assert.Empty(ok!);
        Assert.Equal("SA-123", (await db.SecurityActionRecords.OrderByDescending(s => s.Id).FirstAsync()).DeclarationId);
    }

    [Fact]
    public async Task Standing_Operator_ListsEveryCompanyAndFilters()
    {
        await using var db = _seeded.As(t => t.UseOperator(_tohoku));
        var handler = new ListSecurityActionStandingHandler(db, s_catalog);
        var all = await handler.HandleAsync(null, CancellationToken.None);
        Assert.Equal(20, all.Count);
        Assert.Contains(all, r => r.LastDiagnosisOn is null && r.Stage == SecurityActionStage.NotReady);
        Assert.Contains(all, r => r.Declaration is not null);

        var declared = await handler.HandleAsync(SecurityActionStage.DeclaredOneStar, CancellationToken.None);
        Assert.All(declared, r => Assert.Equal(SecurityActionStage.DeclaredOneStar, r.Stage));
    }

    [Fact]
    public async Task NationalReference_OutOfRange_RefusedThenValidSaved()
    {
        await using var db = _seeded.As(t => t.UseOperator(_tohoku));
        var handler = new SetNationalReferenceValuesHandler(db, s_catalog);

        var bad = await handler.HandleAsync(_tohoku, new Dictionary<string, string?> { ["office"] = "120", ["selfcheck.total"] = "abc" }, CancellationToken.None);
        Assert.Equal(["office", "selfcheck.total"], bad.Keys.Order(StringComparer.Ordinal));
        Assert.False(await db.NationalReferenceValues.AnyAsync());

        var good = await handler.HandleAsync(_tohoku, new Dictionary<string, string?> { ["office"] = "61.5", ["selfcheck.total"] = "" }, CancellationToken.None);
        Assert.Empty(good);
        Assert.Equal(61.5, (await PeerScores.NationalReferenceAsync(db, CancellationToken.None))["office"]);
    }

    private async Task<int> StartAsync(AnswerEntryMode mode)
    {
        await using var db = mode == AnswerEntryMode.Self ? _seeded.As(t => t.UseMember(_tohoku, _aoba)) : _seeded.As(t => t.UseOperator(_tohoku));
        return await new StartDiagnosisHandler(db, s_catalog, _clock).HandleAsync(new(_aoba, mode, "user-1", "テスト"), CancellationToken.None)
            ?? throw new InvalidOperationException("not started");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
