using System.Globalization;
using System.Text;
using Mamori.Sensor.Detection;
using Mamori.Web.Data;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.HelpDesk;
using Mamori.Web.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Notices;

/// <summary>Who the company calls: the programme's help desk (the operator's phone and e-mail).</summary>
public sealed record HelpDeskContact(string OperatorName, string? Phone, string? Email);

/// <summary>
/// Writes the plain-language draft of an incident notice from its template (R-6.2): what happened,
/// why it matters, what to do now and whom to call, naming the device by its inventory entry and
/// giving the IP address only as a detail. The analyst previews and edits the draft before sending.
/// </summary>
public sealed class DraftIncidentNoticeHandler(AppDbContext db, TimeProvider time)
{
    public async Task<HandlerResult<Notice>> HandleAsync(int incidentId, string author, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
        if (incident is null)
        {
            return HandlerResult.Fail<Notice>("Triage.NotFound");
        }

        var existing = await db.Notices.FirstOrDefaultAsync(n => n.IncidentId == incidentId && n.Delivery == NoticeDelivery.Draft, cancellationToken);
        if (existing is not null)
        {
            return HandlerResult.Ok(existing);
        }

        var company = await db.Companies.FirstAsync(c => c.Id == incident.CompanyId, cancellationToken);
        var contact = await NoticeText.HelpDeskAsync(db, incident.OperatorId, cancellationToken);
        var alerts = await db.SecurityAlerts.Where(a => a.IncidentId == incidentId).ToListAsync(cancellationToken);
        var first = alerts.OrderBy(a => a.FirstSeen).FirstOrDefault();
        var ip = first is null ? null : AlertGrouping.InternalAddress(first);
        var language = company.NoticeLanguage;
        var device = await DeviceLookup.LabelAsync(db, incident.DeviceId, ip, language, cancellationToken);
        var (subject, body) = NoticeText.Incident(incident.AlertType, incident.Severity, company.Name, device, ip,
            first?.DstName ?? first?.DstIp, incident.FirstAlertAt, contact, language);

        var notice = new Notice
        {
            OperatorId = incident.OperatorId,
            CompanyId = incident.CompanyId,
            IncidentId = incident.Id,
            Kind = NoticeKind.Incident,
            Severity = incident.Severity,
            Language = language,
            Subject = subject,
            Body = body,
            CreatedAt = time.GetUtcNow(),
            AuthorName = author,
            Delivery = NoticeDelivery.Draft,
            CopiedToContractor = !string.IsNullOrWhiteSpace(company.ContractorEmail),
        };
        db.Notices.Add(notice);
        await db.SaveChangesAsync(cancellationToken);
        return HandlerResult.Ok(notice);
    }
}

/// <summary>The notice texts, built from <see cref="NoticeTemplates"/>.</summary>
public static class NoticeText
{
    public static async Task<HelpDeskContact> HelpDeskAsync(AppDbContext db, int operatorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var op = await db.Operators.Where(o => o.Id == operatorId).Select(o => new { o.Name, o.ContactPhone, o.ContactEmail }).FirstAsync(cancellationToken);
        return new HelpDeskContact(op.Name, op.ContactPhone, op.ContactEmail);
    }

    public static string JapanTime(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static (string Subject, string Body) Incident(
        AlertType type, AlertSeverity severity, string companyName, string device, string? ip, string? remote, DateTimeOffset at, HelpDeskContact contact, string language)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var t = NoticeTemplates.For(type, language);
        var sb = new StringBuilder();
        if (NoticeTemplates.IsEnglish(language))
        {
            var subject = $"[Mamori] {AlertExplanations.Severity(severity, "en")} severity: {t.Title} on {device}";
            sb.Append(CultureInfo.InvariantCulture, $"Dear {companyName},\n\n");
            sb.Append(CultureInfo.InvariantCulture, $"This is the security help desk of {contact.OperatorName}. We noticed the following on your network.\n\n");
            sb.Append("■ What happened\n").Append(CultureInfo.InvariantCulture, $"On {device}, from {JapanTime(at)} (Japan time): {t.WhatHappened}\n");
            AppendDetails(sb, ip, remote, "Details for your IT contact", "IP address", "Remote side");
            sb.Append("\n■ Why it matters\n").Append(t.WhyItMatters).Append("\n\n");
            sb.Append("■ What to do now\n").Append(t.WhatToDo).Append("\n\n");
            sb.Append("■ Whom to call\n").Append(Contact(contact, true)).Append("\n\n");
            sb.Append("Once you have read this, please press \"Acknowledge\" in the member portal.");
            return (subject, sb.ToString());
        }

        var subjectJa = $"【Mamori】危険度{AlertExplanations.Severity(severity, "ja")}：{t.Title}（{device}）";
        sb.Append(CultureInfo.InvariantCulture, $"{companyName} ご担当者様\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"{contact.OperatorName} のセキュリティ窓口です。御社のネットワークで、次のことを確認しました。\n\n");
        sb.Append("■ 何が起きたか\n").Append(CultureInfo.InvariantCulture, $"{device} で、{JapanTime(at)} ごろから：{t.WhatHappened}\n");
        AppendDetails(sb, ip, remote, "（IT 担当の方向けの補足）", "IP アドレス", "通信先");
        sb.Append("\n■ なぜ問題なのか\n").Append(t.WhyItMatters).Append("\n\n");
        sb.Append("■ 今すぐしていただきたいこと\n").Append(t.WhatToDo).Append("\n\n");
        sb.Append("■ ご不明な点・ご相談は\n").Append(Contact(contact, false)).Append("\n\n");
        sb.Append("お読みになったら、会員ポータルの「確認しました」ボタンを押してください。");
        return (subjectJa, sb.ToString());
    }

    public static string Contact(HelpDeskContact contact, bool english)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var parts = new List<string>();
        if (contact.Phone is not null)
        {
            parts.Add((english ? "phone " : "電話 ") + contact.Phone);
        }

        if (contact.Email is not null)
        {
            parts.Add((english ? "e-mail " : "メール ") + contact.Email);
        }

        return english
            ? $"{contact.OperatorName} help desk: {string.Join(", ", parts)} (weekdays 9:00–17:30)"
            : $"{contact.OperatorName} 窓口：{string.Join("／", parts)}（平日 9:00〜17:30）";
    }

    private static void AppendDetails(StringBuilder sb, string? ip, string? remote, string heading, string ipLabel, string remoteLabel)
    {
        if (ip is null && remote is null)
        {
            return;
        }

        sb.Append(heading);
        if (ip is not null)
        {
            sb.Append(' ').Append(ipLabel).Append(": ").Append(ip);
        }

        if (remote is not null)
        {
            sb.Append(' ').Append(remoteLabel).Append(": ").Append(remote.Replace(".", "[.]", StringComparison.Ordinal));
        }

        sb.Append('\n');
    }
}
