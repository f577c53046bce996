using Mamori.Web.Data;
using Mamori.Web.Features.HelpDesk;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Notices;

public sealed record EditNoticeDraft(int NoticeId, string? Subject, string? Body, bool CopyContractor);

/// <summary>
/// The analyst edits a draft and sends it: sending publishes it in the member portal at
/// once, queues the e-mail (to the company's contacts, the contractor copied when chosen, R-6.5)
/// and moves the incident to Notified, all on the incident's timeline.
/// </summary>
public sealed class SendNoticeHandler(AppDbContext db, TimeProvider time)
{
    public async Task<HandlerResult<Notice>> SaveDraftAsync(EditNoticeDraft edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == edit.NoticeId, cancellationToken);
        if (notice is null)
        {
            return HandlerResult.Fail<Notice>("Triage.NotFound");
        }

        if (notice.Delivery != NoticeDelivery.Draft)
        {
            return HandlerResult.Fail<Notice>("Notice.AlreadySent");
        }

        if (string.IsNullOrWhiteSpace(edit.Subject) || string.IsNullOrWhiteSpace(edit.Body))
        {
            return HandlerResult.Fail<Notice>("Notice.TextRequired");
        }

        notice.Subject = edit.Subject.Trim();
        notice.Body = edit.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        notice.CopiedToContractor = edit.CopyContractor;
        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok(notice);
    }

    public async Task<HandlerResult<Notice>> SendAsync(EditNoticeDraft edit, string actor, CancellationToken cancellationToken)
    {
        var saved = await SaveDraftAsync(edit, cancellationToken);
        if (!saved.Succeeded)
        {
            return saved;
        }

        var notice = saved.Value!;
        var now = time.GetUtcNow();
        var company = await db.Companies.Include(c => c.Contacts).FirstAsync(c => c.Id == notice.CompanyId, cancellationToken);
        var to = company.Contacts.Where(c => !string.IsNullOrWhiteSpace(c.Email)).OrderByDescending(c => c.IsPrimary).Select(c => c.Email!).Distinct().ToList();
        var cc = notice.CopiedToContractor && !string.IsNullOrWhiteSpace(company.ContractorEmail) ? new List<string> { company.ContractorEmail } : [];
        notice.CopiedToContractor = cc.Count > 0;
        notice.Recipients = string.Join(",", to.Concat(cc.Select(c => "cc:" + c)));
        notice.AuthorName = actor;
        notice.SentAt = now;
        notice.Delivery = NoticeDelivery.Queued;
        notice.NextAttemptAt = now;

        if (notice.IncidentId is int incidentId)
        {
            var incident = await db.Incidents.FirstAsync(i => i.Id == incidentId, cancellationToken);
            db.IncidentEvents.Add(IncidentWorkflow.Event(incident, now, IncidentEventKind.NoticeSent, actor, notice.Subject));
            if (incident.State == IncidentState.New)
            {
                IncidentWorkflow.TryMove(db, incident, IncidentState.Investigating, actor, now);
            }

            if (incident.State == IncidentState.Investigating)
            {
                IncidentWorkflow.TryMove(db, incident, IncidentState.Notified, actor, now);
            }

            incident.NotifiedAt ??= now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok(notice);
    }
}

/// <summary>The company confirms it has read a notice (R-6.2: acknowledgement tracked).</summary>
public sealed class AcknowledgeNoticeHandler(AppDbContext db, TimeProvider time)
{
    public async Task<HandlerResult<Notice>> HandleAsync(int noticeId, string who, CancellationToken cancellationToken)
    {
        var notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == noticeId && n.SentAt != null, cancellationToken);
        if (notice is null)
        {
            return HandlerResult.Fail<Notice>("Triage.NotFound");
        }

        if (notice.AcknowledgedAt is not null)
        {
            return HandlerResult.Ok(notice);
        }

        var now = time.GetUtcNow();
        notice.AcknowledgedAt = now;
        notice.AcknowledgedBy = who;
        if (notice.IncidentId is int incidentId)
        {
            var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
            if (incident is not null)
            {
                db.IncidentEvents.Add(IncidentWorkflow.Event(incident, now, IncidentEventKind.NoticeAcknowledged, who, notice.Subject));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok(notice);
    }
}

/// <summary>
/// Mails published notices that are due (new, or failed and waiting for a retry with doubling delay),
/// recording success or the error on the notice. Run by <see cref="Workers.NoticeDeliveryWorker"/>.
/// </summary>
public sealed partial class DeliverNoticesHandler(AppDbContext db, INoticeMailer mailer, TimeProvider time, IOptions<MailOptions> options, ILogger<DeliverNoticesHandler> logger)
{
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        if (!mailer.Enabled)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var max = options.Value.MaxAttempts;
        var due = (await db.Notices
                .Where(n => (n.Delivery == NoticeDelivery.Queued || n.Delivery == NoticeDelivery.Failed) && n.DeliveryAttempts < max)
                .ToListAsync(cancellationToken))
            .Where(n => n.NextAttemptAt is null || n.NextAttemptAt <= now)
            .OrderBy(n => n.Id)
            .ToList();
        var sent = 0;
        foreach (var notice in due)
        {
            var (to, cc) = Split(notice.Recipients);
            notice.DeliveryAttempts++;
            if (to.Count == 0)
            {
                Fail(notice, "no e-mail address on file", now);
                continue;
            }

            try
            {
                await mailer.SendAsync(new NoticeMail(to, cc, notice.Subject, notice.Body), cancellationToken);
                notice.Delivery = NoticeDelivery.Sent;
                notice.DeliveryError = null;
                notice.NextAttemptAt = null;
                sent++;
            }
            catch (Exception ex) when (ex is System.Net.Mail.SmtpException or IOException or System.Net.Sockets.SocketException or InvalidOperationException or FormatException)
            {
                Fail(notice, ex.GetType().Name + ": " + ex.Message, now);
                LogFailed(logger, notice.Id, notice.DeliveryAttempts, ex.GetType().Name);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    private void Fail(Notice notice, string error, DateTimeOffset now)
    {
        notice.Delivery = NoticeDelivery.Failed;
        notice.DeliveryError = error.Length > 500 ? error[..500] : error;
        notice.NextAttemptAt = now + options.Value.RetryDelay * Math.Pow(2, Math.Max(0, notice.DeliveryAttempts - 1));
    }

    internal static (List<string> To, List<string> Cc) Split(string? recipients)
    {
        var all = (recipients ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (all.Where(a => !a.StartsWith("cc:", StringComparison.Ordinal)).ToList(),
                all.Where(a => a.StartsWith("cc:", StringComparison.Ordinal)).Select(a => a[3..]).ToList());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId}: e-mail attempt {Attempt} failed ({Error}); will retry")]
    private static partial void LogFailed(ILogger logger, int noticeId, int attempt, string error);
}
