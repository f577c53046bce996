using Mamori.Web.Data;
using Mamori.Web.Features.HelpDesk;
using Mamori.Web.Features.HelpDesk.BusinessHours;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Tests.Features.HelpDesk;

/// <summary>Filing, replying and the queue on a seeded SQLite database, and who sees which inquiry.</summary>
public sealed class InquiryHandlersTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 17, 0, 0, TimeSpan.FromHours(9)));
    private SeededDatabase _seeded = null!;
    private int _tohoku;
    private int _hokuriku;
    private int _aoba;
    private int _minato;

    public async Task InitializeAsync()
    {
        _seeded = await SeededDatabase.CreateAsync();
        await using var db = _seeded.Database.CreateSystemContext();
        _tohoku = await db.Operators.Where(o => o.Name.Contains("東北")).Select(o => o.Id).SingleAsync();
        _hokuriku = await db.Operators.Where(o => o.Name.Contains("北陸")).Select(o => o.Id).SingleAsync();
        _aoba = await db.Companies.Where(c => c.Name == "株式会社青葉商事").Select(c => c.Id).SingleAsync();
        _minato = await db.Companies.Where(c => c.Name == "株式会社八戸みなと水産").Select(c => c.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _seeded.DisposeAsync();

    [Fact]
    public async Task File_EmailFromKnownContact_LinkedToItsCompany()
    {
        await using var db = Operator();
        var result = await new FileInquiryHandler(db, _time).HandleAsync(
            new FileInquiryRequest(InquiryChannel.Email, InquiryCategory.DeviceInstallation, null, "INFO@aoba-shoji.example", "センサー", "ランプが消えた"), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(_aoba, result.Value!.CompanyId);
        Assert.False(result.Value.Unlinked);
        Assert.Equal("伊藤 誠", (await db.Inquiries.SingleAsync(i => i.Id == result.Value.Id)).FromName);
    }

    [Fact]
    public async Task File_EmailFromUnknownSender_KeptUnlinkedAndOnlyStaffSeeIt()
    {
        int id;
        await using (var db = Operator())
        {
            var result = await new FileInquiryHandler(db, _time).HandleAsync(
                new FileInquiryRequest(InquiryChannel.Email, InquiryCategory.Participation, null, "stranger@example.org", "参加希望", "参加したい"), CancellationToken.None);
            Assert.True(result.Succeeded, result.Error);
            Assert.True(result.Value!.Unlinked);
            Assert.Null(result.Value.CompanyId);
            id = result.Value.Id;
        }

        await using (var member = _seeded.As(t => t.UseMember(_tohoku, _aoba)))
        {
            Assert.False(await member.Inquiries.AnyAsync(i => i.Id == id));
        }

        await using (var other = _seeded.As(t => t.UseOperator(_hokuriku)))
        {
            Assert.False(await other.Inquiries.AnyAsync(i => i.Id == id));
        }

        await using (var vendor = _seeded.As(t => t.UseVendor(_tohoku, 1)))
        {
            Assert.Empty(await vendor.Inquiries.ToListAsync());
        }

        await using var staff = Operator();
        Assert.Null((await staff.Inquiries.SingleAsync(i => i.Id == id)).CompanyId);
    }

    [Fact]
    public async Task File_NoSubject_FailsAndStoresNothing()
    {
        await using var db = Operator();
        var before = await db.Inquiries.CountAsync();
        var result = await new FileInquiryHandler(db, _time).HandleAsync(
            new FileInquiryRequest(InquiryChannel.Phone, InquiryCategory.Other, "佐藤", "022-000-0000", " ", "本文"), CancellationToken.None);

        Assert.Equal("Inquiry.SubjectAndTextRequired", result.Error);
        Assert.Equal(before, await db.Inquiries.CountAsync());
    }

    [Fact]
    public async Task File_Member_AlwaysOwnCompanyViaPortal()
    {
        await using var member = _seeded.As(t => t.UseMember(_tohoku, _aoba));
        var result = await new FileInquiryHandler(member, _time).HandleAsync(
            new FileInquiryRequest(InquiryChannel.Phone, InquiryCategory.SecurityConsultation, "伊藤", null, "不審メール", "開いてしまった", CompanyId: _minato), CancellationToken.None);

        Assert.Equal(_aoba, result.Value!.CompanyId);
        Assert.Equal(InquiryChannel.Web, (await member.Inquiries.SingleAsync(i => i.Id == result.Value.Id)).Channel);
    }

    [Fact]
    public async Task Reply_StaffAfterWeekendAndHoliday_FirstResponseInBusinessHoursAndOtherMemberSeesNothing()
    {
        int id;
        await using (var member = _seeded.As(t => t.UseMember(_tohoku, _aoba)))
        {
            id = (await new FileInquiryHandler(member, _time).HandleAsync(
                new FileInquiryRequest(InquiryChannel.Web, InquiryCategory.SecurityConsultation, "伊藤", null, "警告画面", "消えない"), CancellationToken.None)).Value!.Id;
        }

        // Friday 17:00 → Tuesday 9:30 (Monday 2026-11-23 is 勤労感謝の日).
        _time.Now = new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(9));
        await using (var staff = Operator())
        {
            var reply = await new ReplyToInquiryHandler(staff, _time).HandleAsync(new ReplyToInquiryRequest(id, "確認します", "事務局"), CancellationToken.None);
            Assert.True(reply.Succeeded, reply.Error);
        }

        _time.Now = _time.Now.AddHours(3);
        await using (var member = _seeded.As(t => t.UseMember(_tohoku, _aoba)))
        {
            var detail = await Get(member).HandleAsync(id, CancellationToken.None);
            Assert.NotNull(detail);
            Assert.Equal(TimeSpan.FromHours(1), detail.Sla.FirstResponse);
            Assert.True(detail.Sla.FirstResponseDone);
            Assert.Equal(InquiryStatus.InProgress, detail.Inquiry.Status);
            Assert.Single(detail.Replies);
        }

        await using var otherMember = _seeded.As(t => t.UseMember(_tohoku, _minato));
        Assert.Null(await Get(otherMember).HandleAsync(id, CancellationToken.None));
        Assert.False(await otherMember.InquiryReplies.AnyAsync(r => r.InquiryId == id));
    }

    [Fact]
    public async Task List_DemoMonth_OpenOnesBreachAfterTargetAndClosedKeepTheirFigures()
    {
        _time.Now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(9));
        await using var db = Operator();
        var queue = await new ListInquiriesHandler(db, new BusinessHoursClock(new BusinessHoursOptions()), Options.Create(new HelpDeskOptions()), _time)
            .HandleAsync(openOnly: false, CancellationToken.None);

        Assert.Equal(25, queue.Count);
        var unanswered = queue.Single(i => i.Subject == "偽のセキュリティ警告");
        Assert.True(unanswered.Sla.FirstResponseBreached);
        var quick = queue.Single(i => i.Subject == "参加申込みの手続きについて");
        Assert.Equal(TimeSpan.FromHours(0.5), quick.Sla.FirstResponse);
        Assert.False(quick.Sla.Breached);
        Assert.Single(queue, i => i.CompanyId is null);
    }

    [Fact]
    public async Task Report_October2026_CountsDemoInquiriesByCategoryAndVisitsByKind()
    {
        await using var db = Operator();
        var report = await new BuildHelpDeskReportHandler(db).HandleAsync(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), CancellationToken.None);

        Assert.Equal(25, report.InquiryTotal);
        Assert.Equal(7, report.Inquiries.Single(i => i.Category == InquiryCategory.DeviceInstallation).Count);
        Assert.Equal(5, report.VisitTotal);
        Assert.Equal(2, report.Visits.Single(v => v.Kind == Mamori.Web.Features.Dispatch.VisitKind.IncidentResponse).Count);
        var csv = BuildHelpDeskReportHandler.ToCsv(report, key => key);
        Assert.Contains("Report.Inquiries,InquiryCategory.DeviceInstallation,7,2026-10-01/2026-10-31", csv, StringComparison.Ordinal);
        Assert.Contains("Report.Visits,Report.Total,5,", csv, StringComparison.Ordinal);
    }

    private AppDbContext Operator() => _seeded.As(t => t.UseOperator(_tohoku));

    private GetInquiryHandler Get(AppDbContext db) =>
        new(db, new BusinessHoursClock(new BusinessHoursOptions()), Options.Create(new HelpDeskOptions()), _time);
}
