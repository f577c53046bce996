using System.Globalization;
using System.Text;
using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Devices;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Notices;

/// <summary>
/// The calmer weekly advice digest: undesirable-operation findings (plain-text
/// passwords, everyday privileged accounts, software that should not be used) of the last full
/// week (Monday to Sunday, Japan time) go out as one <see cref="NoticeKind.WeeklyDigest"/> per company,
/// in the company's language, instead of incident notices; the maintenance contractor is copied when
/// the company has one. The alerts are closed (dismissed) into it.
/// Run by <see cref="Workers.WeeklyDigestWorker"/>; idempotent per company and week.
/// </summary>
public sealed class BuildWeeklyDigestsHandler(AppDbContext db, TimeProvider time)
{
    private static readonly TimeSpan s_japan = TimeSpan.FromHours(9);

    /// <summary>The last full week before <paramref name="now"/>: Monday and Sunday, Japan dates.</summary>
    public static (DateOnly Start, DateOnly End) LastFullWeek(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.ToOffset(s_japan).DateTime);
        var sinceMonday = ((int)today.DayOfWeek + 6) % 7;
        var thisMonday = today.AddDays(-sinceMonday);
        return (thisMonday.AddDays(-7), thisMonday.AddDays(-1));
    }

    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (start, end) = LastFullWeek(now);
        var from = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), s_japan);
        var to = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), s_japan);
        var undesirable = new[] { AlertType.PlaintextPassword, AlertType.PrivilegedAccount, AlertType.BannedSoftware };
        var candidates = (await db.SecurityAlerts
                .Where(a => a.State == AlertState.New && undesirable.Contains(a.Type))
                .ToListAsync(cancellationToken))
            .Where(a => a.FirstSeen >= from && a.FirstSeen < to)
            .ToList();
        var created = 0;
        foreach (var company in candidates.GroupBy(a => a.CompanyId))
        {
            var exists = await db.Notices.AnyAsync(n => n.CompanyId == company.Key && n.Kind == NoticeKind.WeeklyDigest && n.PeriodStart == start, cancellationToken);
            if (exists)
            {
                continue;
            }

            var member = await db.Companies.FirstAsync(c => c.Id == company.Key, cancellationToken);
            var contact = await NoticeText.HelpDeskAsync(db, member.OperatorId, cancellationToken);
            var deviceIds = company.Select(a => a.DeviceId).Where(d => d is not null).Select(d => d!.Value).Distinct().ToList();
            var devices = await db.Devices.Where(d => deviceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
            var (subject, body) = Text(member.Name, member.NoticeLanguage, start, end, company.ToList(), devices, contact);
            var contacts = await db.CompanyContacts.Where(c => c.CompanyId == member.Id && c.Email != null)
                .OrderByDescending(c => c.IsPrimary).Select(c => c.Email!).ToListAsync(cancellationToken);
            // Recipients as SendNoticeHandler writes them: primary contact first, then "cc:" entries.
            var cc = string.IsNullOrWhiteSpace(member.ContractorEmail) ? [] : new List<string> { member.ContractorEmail };
            db.Notices.Add(new Notice
            {
                OperatorId = member.OperatorId,
                CompanyId = member.Id,
                Kind = NoticeKind.WeeklyDigest,
                Severity = AlertSeverity.Low,
                Language = member.NoticeLanguage,
                Subject = subject,
                Body = body,
                CreatedAt = now,
                AuthorName = Alerts.TriageNewAlertsHandler.SystemActor,
                SentAt = now,
                Delivery = NoticeDelivery.Queued,
                NextAttemptAt = now,
                Recipients = string.Join(",", contacts.Where(e => !string.IsNullOrWhiteSpace(e)).Distinct().Concat(cc.Select(c => "cc:" + c))),
                CopiedToContractor = cc.Count > 0,
                PeriodStart = start,
                PeriodEnd = end,
            });
            foreach (var alert in company)
            {
                alert.State = AlertState.Dismissed;
            }

            created++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    public static (string Subject, string Body) Text(
        string companyName, string language, DateOnly start, DateOnly end, IReadOnlyList<SecurityAlert> alerts, IReadOnlyDictionary<int, Device> devices, HelpDeskContact contact)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(devices);
        var english = NoticeTemplates.IsEnglish(language);
        var period = $"{start:yyyy-MM-dd} – {end:yyyy-MM-dd}";
        var sb = new StringBuilder();
        sb.Append(english
            ? $"Dear {companyName},\n\nHere is this week's advice from the security help desk. Nothing here is an attack; these are habits worth changing when you have time.\n\n"
            : $"{companyName} ご担当者様\n\n今週のセキュリティのアドバイスをお届けします。攻撃ではありませんが、時間のあるときに見直していただきたい使い方です。\n\n");
        foreach (var group in alerts.GroupBy(a => a.Type).OrderBy(g => g.Key))
        {
            var t = NoticeTemplates.For(group.Key, language);
            var where = group
                .Select(a => DeviceLabel.Format(a.DeviceId is int id && devices.TryGetValue(id, out var d) ? d : null, AlertGrouping.InternalAddress(a), language))
                .Distinct()
                .ToList();
            var count = group.Sum(a => a.Count);
            sb.Append("■ ").Append(t.Title).Append(english ? $" ({count.ToString(CultureInfo.InvariantCulture)} times)\n" : $"（{count.ToString(CultureInfo.InvariantCulture)} 件）\n");
            sb.Append(english ? "Where: " : "対象：").Append(string.Join(english ? ", " : "、", where)).Append('\n');
            sb.Append(t.WhatHappened).Append('\n').Append(t.WhyItMatters).Append('\n');
            sb.Append(english ? "Advice: " : "おすすめ：").Append(t.WhatToDo).Append("\n\n");
        }

        sb.Append(english ? "Questions: " : "ご相談は ").Append(NoticeText.Contact(contact, english));
        var subject = english ? $"[Mamori] Weekly security advice ({period})" : $"【Mamori】今週のセキュリティのアドバイス（{period}）";
        return (subject, sb.ToString());
    }
}
