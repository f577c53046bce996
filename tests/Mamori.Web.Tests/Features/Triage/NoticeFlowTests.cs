using Mamori.Sensor.Detection;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Features.Notices;
using Mamori.Web.Features.Portal;
using Mamori.Web.Features.Triage;
using Mamori.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mamori.Web.Tests.Features.Triage;

/// <summary>Draft → send → e-mail (SMTP sink) → acknowledge, escalation, weekly digest, and who sees what .</summary>
public sealed class NoticeFlowTests : TriageTestBase
{
    [Fact]
    public async Task SendNotice_MailedToCompanyWithContractorCopied_JapaneseBodyNamesThePc()
    {
        await SetContractorAsync(Aoba, "hoshu@michinoku-it.example");
        var noticeId = await DraftForPhishingAsync();
        await using (var db = Operator())
        {
            var sent = await new SendNoticeHandler(db, Time).SendAsync(await EditOfAsync(db, noticeId, copy: true), "分析 太郎", CancellationToken.None);
            Assert.True(sent.Succeeded, sent.Error);
            Assert.Equal(NoticeDelivery.Queued, sent.Value!.Delivery);
            var incident = await db.Incidents.SingleAsync(i => i.Id == sent.Value.IncidentId);
            Assert.Equal(IncidentState.Notified, incident.State);
            Assert.NotNull(incident.NotifiedAt);
        }

        await using var sink = new SmtpSink();
        await using (var db = Operator())
        {
            Assert.Equal(1, await Deliver(db, sink.Port).HandleAsync(CancellationToken.None));
        }

        var mail = Assert.Single(sink.Messages);
        var contacts = await Seeded.SystemQueryAsync(db => db.CompanyContacts.Where(c => c.CompanyId == Aoba && c.Email != null).Select(c => c.Email!).ToListAsync());
        Assert.All(contacts, c => Assert.Contains(c, mail.Header("To")));
        Assert.Contains("hoshu@michinoku-it.example", mail.Header("Cc"));
        Assert.Contains("hoshu@michinoku-it.example", mail.Recipients);
        Assert.StartsWith("【Mamori】危険度中：フィッシングサイトへのアクセス（経理のノートPC", mail.Subject);
        Assert.Contains("経理のノートPC · 山田 (FMV-A123)", mail.Body);
        Assert.Contains("■ 今すぐしていただきたいこと", mail.Body);
        Assert.Contains("022-000-1234", mail.Body);
        Assert.Contains("login-bank[.]example", mail.Body);

        await using var check = Operator();
        var notice = await check.Notices.SingleAsync(n => n.Id == noticeId);
        Assert.Equal(NoticeDelivery.Sent, notice.Delivery);
        Assert.True(notice.CopiedToContractor);
    }

    [Fact]
    public async Task Delivery_ServerRefuses_RecordedAsFailed_RetriedLater()
    {
        var noticeId = await DraftForPhishingAsync();
        await using (var db = Operator())
        {
            await new SendNoticeHandler(db, Time).SendAsync(await EditOfAsync(db, noticeId, copy: false), "a", CancellationToken.None);
        }

        await using var sink = new SmtpSink { Refuse = true };
        await using (var db = Operator())
        {
            Assert.Equal(0, await Deliver(db, sink.Port).HandleAsync(CancellationToken.None));
            var failed = await db.Notices.SingleAsync(n => n.Id == noticeId);
            Assert.Equal(NoticeDelivery.Failed, failed.Delivery);
            Assert.Equal(1, failed.DeliveryAttempts);
            Assert.NotNull(failed.DeliveryError);
            Assert.DoesNotContain("フィッシング", failed.DeliveryError);
        }

        sink.Refuse = false;
        await using (var db = Operator())
        {
            Assert.Equal(0, await Deliver(db, sink.Port).HandleAsync(CancellationToken.None)); // not due yet
        }

        Time.Now = Time.Now.AddMinutes(6);
        await using (var db = Operator())
        {
            Assert.Equal(1, await Deliver(db, sink.Port).HandleAsync(CancellationToken.None));
            Assert.Equal(NoticeDelivery.Sent, (await db.Notices.SingleAsync(n => n.Id == noticeId)).Delivery);
        }

        Assert.Single(sink.Messages);
    }

    [Fact]
    public async Task Escalation_HighNoticeUnacknowledged_EscalatedOnceAfterTheLimit_AckedOneNot()
    {
        var high = await SentHighNoticeAsync(Aoba);
        var acked = await SentHighNoticeAsync(Minato);
        await using (var member = Member(Minato))
        {
            Assert.True((await new AcknowledgeNoticeHandler(member, Time).HandleAsync(acked, "八戸 花子", CancellationToken.None)).Succeeded);
        }

        var escalate = () => new EscalateNoticesHandler(Seeded.Database.CreateSystemContext(), Time, Options).HandleAsync(CancellationToken.None);
        Time.Now = Time.Now.AddHours(3);
        Assert.Equal(0, await escalate());
        Time.Now = Time.Now.AddHours(1.5);
        Assert.Equal(1, await escalate());
        Assert.Equal(0, await escalate());

        await using var db = Operator();
        var escalated = await new ListEscalatedNoticesHandler(db).HandleAsync(CancellationToken.None);
        Assert.Contains(escalated, e => e.NoticeId == high);
        Assert.DoesNotContain(escalated, e => e.NoticeId == acked);
        var incidentId = (await db.Notices.SingleAsync(n => n.Id == high)).IncidentId;
        Assert.True(await db.IncidentEvents.AnyAsync(e => e.IncidentId == incidentId && e.Kind == IncidentEventKind.Escalated));
        Assert.True(await db.IncidentEvents.AnyAsync(e => e.Kind == IncidentEventKind.NoticeAcknowledged && e.ActorName == "八戸 花子"));
    }

    [Fact]
    public async Task WeeklyDigest_OnePerCompanyAndWeek_InTheCompanysLanguage_UndesirableOnly_ContractorCopied()
    {
        await using (var db = Seeded.Database.CreateSystemContext())
        {
            var minatoCompany = await db.Companies.SingleAsync(c => c.Id == Minato);
            minatoCompany.NoticeLanguage = "en";
            minatoCompany.ContractorEmail = null;
            await db.SaveChangesAsync();
        }

        await SetContractorAsync(Aoba, "hoshu@michinoku-it.example");

        // Time is Wednesday 2026-11-18; last full week is 11-09 (Mon) to 11-15 (Sun).
        await AddAlertAsync(Aoba, AlertType.PlaintextPassword, "192.168.50.12", at: TimeSpan.FromDays(-6));
        await AddAlertAsync(Aoba, AlertType.BannedSoftware, "192.168.50.13", at: TimeSpan.FromDays(-7));
        await AddAlertAsync(Minato, AlertType.PrivilegedAccount, "192.168.60.12", at: TimeSpan.FromDays(-5));
        var thisWeek = await AddAlertAsync(Aoba, AlertType.PlaintextPassword, "192.168.50.12", at: TimeSpan.FromDays(-1));
        var phishing = await AddAlertAsync(Aoba, AlertType.PhishingSite, "192.168.50.12", at: TimeSpan.FromDays(-6));

        Assert.Equal((new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 15)), BuildWeeklyDigestsHandler.LastFullWeek(Time.GetUtcNow()));
        await using (var db = Seeded.Database.CreateSystemContext())
        {
            Assert.True(await new BuildWeeklyDigestsHandler(db, Time).HandleAsync(CancellationToken.None) >= 2);
        }

        await using (var db = Seeded.Database.CreateSystemContext())
        {
            Assert.Equal(0, await new BuildWeeklyDigestsHandler(db, Time).HandleAsync(CancellationToken.None));
        }

        await using var check = Operator();
        var aoba = await check.Notices.SingleAsync(n => n.CompanyId == Aoba && n.Kind == NoticeKind.WeeklyDigest && n.PeriodStart == new DateOnly(2026, 11, 9));
        Assert.Equal("ja", aoba.Language);
        Assert.Contains("パスワードの非暗号化通信", aoba.Body);
        Assert.Contains("利用すべきでないソフトウェア", aoba.Body);
        Assert.DoesNotContain("フィッシング", aoba.Body);
        Assert.NotNull(aoba.SentAt);
        var minato = await check.Notices.SingleAsync(n => n.CompanyId == Minato && n.Kind == NoticeKind.WeeklyDigest && n.PeriodStart == new DateOnly(2026, 11, 9));
        Assert.Equal("en", minato.Language);
        Assert.Contains("Everyday use of a privileged account", minato.Body);
        Assert.Equal(AlertState.New, (await check.SecurityAlerts.SingleAsync(a => a.Id == thisWeek.Id)).State);
        Assert.Equal(AlertState.New, (await check.SecurityAlerts.SingleAsync(a => a.Id == phishing.Id)).State);

        // The company's maintenance contractor is copied, as on a single notice; a company without one is not.
        Assert.True(aoba.CopiedToContractor);
        Assert.Contains("cc:hoshu@michinoku-it.example", aoba.Recipients);
        Assert.False(minato.CopiedToContractor);
        Assert.DoesNotContain("cc:", minato.Recipients ?? "", StringComparison.Ordinal);
        await using var sink = new SmtpSink();
        await using (var db = Operator())
        {
            Assert.True(await Deliver(db, sink.Port).HandleAsync(CancellationToken.None) >= 2);
        }

        var aobaMail = Assert.Single(sink.Messages, m => m.Subject == aoba.Subject);
        var contacts = await Seeded.SystemQueryAsync(db => db.CompanyContacts.Where(c => c.CompanyId == Aoba && c.Email != null).Select(c => c.Email!).ToListAsync());
        Assert.NotEmpty(contacts);
        Assert.All(contacts, c => Assert.Contains(c, aobaMail.Header("To")));
        Assert.Contains("hoshu@michinoku-it.example", aobaMail.Header("Cc"));
        Assert.DoesNotContain("hoshu@michinoku-it.example", aobaMail.Header("To"));
        Assert.Contains("hoshu@michinoku-it.example", aobaMail.Recipients);
        var minatoMail = Assert.Single(sink.Messages, m => m.Subject == minato.Subject);
        Assert.Equal("", minatoMail.Header("Cc"));
        Assert.DoesNotContain("hoshu@michinoku-it.example", minatoMail.Recipients);
    }

    [Fact]
    public async Task Tenancy_OtherCompanyAndVendorSeeNothing_MemberSeesOwnInPlainWords()
    {
        var noticeId = await SentHighNoticeAsync(Aoba);

        await using (var b = Member(Minato))
        {
            Assert.False(await b.Notices.AnyAsync(n => n.Id == noticeId));
            Assert.False(await b.Incidents.AnyAsync(i => i.CompanyId == Aoba));
            Assert.False(await b.SecurityAlerts.AnyAsync(a => a.CompanyId == Aoba));
            Assert.False(await b.Set<SuppressionRule>().AnyAsync(r => r.CompanyId == Aoba));
            Assert.False((await new AcknowledgeNoticeHandler(b, Time).HandleAsync(noticeId, "x", CancellationToken.None)).Succeeded);
            Assert.Null(await new GetPortalHandler(b).HandleAsync(Aoba, "ja", CancellationToken.None));
        }

        await using (var vendor = Seeded.As(t => t.UseVendor(Tohoku, 1)))
        {
            Assert.Empty(await vendor.Notices.ToListAsync());
            Assert.Empty(await vendor.Incidents.ToListAsync());
            Assert.Empty(await vendor.SecurityAlerts.ToListAsync());
        }

        await using (var other = Seeded.As(t => t.UseOperator(Hokuriku)))
        {
            Assert.False(await other.Notices.AnyAsync(n => n.Id == noticeId));
        }

        await using var a = Member(Aoba);
        var portal = await new GetPortalHandler(a).HandleAsync(Aoba, "ja", CancellationToken.None);
        Assert.Contains(portal!.Notices, n => n.Id == noticeId);
        var incident = Assert.Single(portal.Incidents, i => i.Title.Contains("経理のノートPC", StringComparison.Ordinal));
        Assert.Equal(PortalIncidentState.ActionNeeded, incident.State);
        Assert.DoesNotContain("—", incident.Title.Split(" — ")[0]);
    }

    private DeliverNoticesHandler Deliver(Mamori.Web.Data.AppDbContext db, int port) =>
        new(db, new SmtpNoticeMailer(Microsoft.Extensions.Options.Options.Create(new MailOptions { Host = "127.0.0.1", Port = port, From = "noreply@tohoku-cyber.example", TimeoutMilliseconds = 5000 })),
            Time, Microsoft.Extensions.Options.Options.Create(new MailOptions { Host = "127.0.0.1", Port = port }), NullLogger<DeliverNoticesHandler>.Instance);

    private async Task SetContractorAsync(int companyId, string email)
    {
        await using var db = Seeded.Database.CreateSystemContext();
        (await db.Companies.SingleAsync(c => c.Id == companyId)).ContractorEmail = email;
        await db.SaveChangesAsync();
    }

    private static async Task<EditNoticeDraft> EditOfAsync(Mamori.Web.Data.AppDbContext db, int noticeId, bool copy)
    {
        var n = await db.Notices.AsNoTracking().SingleAsync(x => x.Id == noticeId);
        return new EditNoticeDraft(noticeId, n.Subject, n.Body, copy);
    }

    private async Task<int> DraftForPhishingAsync(int? companyId = null, AlertSeverity severity = AlertSeverity.Medium)
    {
        var company = companyId ?? Aoba;
        var ip = company == Aoba ? "192.168.50.23" : "192.168.60.23";
        await AddDeviceAsync(company, "経理のノートPC", ip, "山田", "FMV-A123");
        var alert = await AddAlertAsync(company, AlertType.PhishingSite, ip, dstName: "login-bank.example", severity: severity);
        await using var db = Operator();
        var incidentId = (await new GroupAlertsIntoIncidentsHandler(db, Time, Options).HandleAsync([alert.Id], "分析 太郎", CancellationToken.None)).Value!.Single();
        var draft = await new DraftIncidentNoticeHandler(db, Time).HandleAsync(incidentId, "分析 太郎", CancellationToken.None);
        Assert.True(draft.Succeeded, draft.Error);
        Assert.Equal(NoticeDelivery.Draft, draft.Value!.Delivery);
        return draft.Value.Id;
    }

    private async Task<int> SentHighNoticeAsync(int companyId)
    {
        var id = await DraftForPhishingAsync(companyId, AlertSeverity.High);
        await using var db = Operator();
        Assert.True((await new SendNoticeHandler(db, Time).SendAsync(await EditOfAsync(db, id, copy: false), "分析 太郎", CancellationToken.None)).Succeeded);
        return id;
    }
}
