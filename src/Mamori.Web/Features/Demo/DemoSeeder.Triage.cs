using Mamori.Sensor.Detection;
using Mamori.Web.Features.Alerts;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Incidents;
using Mamori.Web.Features.Notices;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Demo;

/// <summary>
/// A month (October 2026) of triage for the Tohoku operator: about 250 alerts over eight companies,
/// seven incidents in every state with timelines (as the pilot's 3,539 alerts became 7 incidents,
/// seed 003 表3.3.2-3), their notices (one high-severity notice unacknowledged and escalated), a
/// known-benign suppression rule with its matches, and weekly advice digests. Fixed data, fixed order.
/// </summary>
public sealed partial class DemoSeeder
{
    private static readonly DateTimeOffset s_triageMonth = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(9)).ToUniversalTime();

    private const string DemoAnalyst = "分析 太郎";

    // (company, type, severity, device index in the company's inventory, day, hour, state, remote name or ip, summary)
    private static readonly (string Company, AlertType Type, AlertSeverity Severity, int Device, int Day, int Hour, IncidentState State, string Remote, string Summary)[] s_incidents =
    [
        ("株式会社ほっと仙台ケア", AlertType.AbnormalProcess, AlertSeverity.High, 4, 7, 11, IncidentState.Resolved, "cmd.exe ← WINWORD.EXE",
            "Word 文書から PowerShell が起動。受付 PC を隔離し、駆け付けで駆除済み。"),
        ("株式会社杜の都システムズ", AlertType.UrlScan, AlertSeverity.Low, 6, 9, 3, IncidentState.Resolved, "198.51.100.44",
            "PHP フレームワークへの OS コマンドインジェクションの試行に 200 応答。制作業者がパッチ適用を確認。"),
        ("株式会社いわき精機", AlertType.PortScan, AlertSeverity.Low, 2, 12, 14, IncidentState.FalsePositive, "192.168.18.200",
            "保守業者の資産管理ツールによる定期スキャン。抑制ルールを検討。"),
        ("株式会社青葉商事", AlertType.PhishingSite, AlertSeverity.Medium, 1, 16, 10, IncidentState.Notified, "secure-login-mufj.example",
            "経理 PC から銀行を装うフィッシングサイトへアクセス。入力の有無を確認依頼。"),
        ("仙台中央運送株式会社", AlertType.DgaC2, AlertSeverity.High, 0, 20, 12, IncidentState.Investigating, "qzkxjvbwpl.example",
            "DGA 風の名前を 300 件以上問い合わせ。ランサムウェアの疑い（ヘルプデスク 10/20 の相談と関連）。"),
        ("株式会社八戸みなと水産", AlertType.KnownC2, AlertSeverity.High, 0, 29, 15, IncidentState.Notified, "203.0.113.66",
            "Feodo Tracker 掲載の C&C サーバーへ定期通信。未確認のためエスカレーション。"),
        ("株式会社盛岡精密工業", AlertType.BruteForceFailure, AlertSeverity.Medium, 6, 30, 2, IncidentState.New, "45.0.2.19",
            ""),
    ];

    // Background alerts: (company, types the company sees, alerts in the month)
    private static readonly (string Company, AlertType[] Types, int Count)[] s_alertNoise =
    [
        ("株式会社青葉商事", [AlertType.BruteForceFailure, AlertType.PortScan, AlertType.PlaintextPassword, AlertType.PrivilegedAccount], 52),
        ("株式会社八戸みなと水産", [AlertType.PortScan, AlertType.BruteForceFailure, AlertType.BannedSoftware], 36),
        ("株式会社いわき精機", [AlertType.PortScan, AlertType.UrlScan], 30),
        ("株式会社杜の都システムズ", [AlertType.UrlScan, AlertType.BruteForceFailure, AlertType.ReverseBruteForce], 30),
        ("仙台中央運送株式会社", [AlertType.PortScan, AlertType.BruteForceFailure], 24),
        ("株式会社ほっと仙台ケア", [AlertType.PortScan, AlertType.PlaintextPassword], 20),
        ("株式会社盛岡精密工業", [AlertType.BruteForceFailure, AlertType.PortScan], 22),
        ("津軽建設株式会社", [AlertType.PortScan, AlertType.SynFlood], 12),
    ];

    private async Task SeedTriageAsync(SeededOperator op, CancellationToken cancellationToken)
    {
        var aoba = op.Companies["株式会社青葉商事"];
        var aobaCompany = await _db.Companies.FirstAsync(c => c.Id == aoba, cancellationToken);
        aobaCompany.ContractorName = "株式会社みちのくITサポート";
        aobaCompany.ContractorEmail = "desk@michinoku-it.example";

        var companyIds = s_alertNoise.Select(n => op.Companies[n.Company]).Concat(s_incidents.Select(i => op.Companies[i.Company])).Distinct().ToList();
        var devices = (await _db.Devices.Where(d => companyIds.Contains(d.CompanyId)).OrderBy(d => d.Id).ToListAsync(cancellationToken))
            .GroupBy(d => d.CompanyId).ToDictionary(g => g.Key, g => g.ToList());
        var contact = await NoticeText.HelpDeskAsync(_db, op.Operator.Id, cancellationToken);

        var rule = new SuppressionRule
        {
            OperatorId = op.Operator.Id,
            CompanyId = aoba,
            AlertType = AlertType.BruteForceFailure,
            DstIp = DeviceIp(devices, aoba, 6),
            Reason = "保守業者（みちのくITサポート）の監視サーバーによる定期ログイン確認",
            CreatedBy = DemoAnalyst,
            CreatedAt = s_triageMonth.AddDays(4).AddHours(2),
            ExpiresAt = s_triageMonth.AddMonths(4),
        };
        _db.Add(rule);
        await _db.SaveChangesAsync(cancellationToken);

        // Background: deterministic spread over the month; the last week still waits in the queue.
        var seed = 7u;
        var alerts = new List<SecurityAlert>();
        foreach (var (companyName, types, count) in s_alertNoise)
        {
            var companyId = op.Companies[companyName];
            for (var n = 0; n < count; n++)
            {
                seed = (seed * 1103515245u) + 12345u;
                var type = types[(int)(seed >> 16) % types.Length];
                var day = 1 + (int)((seed >> 8) % 31);
                var minute = (int)(seed % 1440);
                var deviceIndex = (int)((seed >> 20) % 8);
                var at = s_triageMonth.AddDays(day - 1).AddMinutes(minute);
                var inside = DeviceIp(devices, companyId, deviceIndex);
                var outside = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"198.51.100.{10 + (int)((seed >> 4) % 200)}");
                var outbound = type is AlertType.PlaintextPassword or AlertType.PrivilegedAccount or AlertType.BannedSoftware;
                var alert = NewAlert(op.Operator.Id, companyId, type, DefaultSeverity(type), outbound ? inside : outside, outbound ? outside : inside, null, at, 1 + (seed % 40));
                var undesirable = NoticeTemplates.IsUndesirableOperation(type);
                if (type == rule.AlertType && companyId == aoba)
                {
                    alert.DstIp = rule.DstIp;
                    alert.State = AlertState.Suppressed;
                    alert.SuppressionRuleId = rule.Id;
                    rule.MatchedCount++;
                    rule.LastMatchedAt = alert.ReceivedAt > (rule.LastMatchedAt ?? DateTimeOffset.MinValue) ? alert.ReceivedAt : rule.LastMatchedAt;
                }
                else
                {
                    alert.State = undesirable || day < 25 ? AlertState.Dismissed : AlertState.New;
                }

                alerts.Add(alert);
            }
        }

        _db.SecurityAlerts.AddRange(alerts);
        await _db.SaveChangesAsync(cancellationToken);

        AddDigests(op, alerts.Where(a => NoticeTemplates.IsUndesirableOperation(a.Type)).ToList(), devices, contact);
        foreach (var spec in s_incidents)
        {
            await AddDemoIncidentAsync(op, spec, devices, contact, cancellationToken);
        }

        await _db.SaveChangesAsync(cancellationToken);
    }

    private async Task AddDemoIncidentAsync(
        SeededOperator op,
        (string Company, AlertType Type, AlertSeverity Severity, int Device, int Day, int Hour, IncidentState State, string Remote, string Summary) spec,
        Dictionary<int, List<Device>> devices,
        HelpDeskContact contact,
        CancellationToken cancellationToken)
    {
        var companyId = op.Companies[spec.Company];
        var company = await _db.Companies.FirstAsync(c => c.Id == companyId, cancellationToken);
        var device = devices.TryGetValue(companyId, out var list) && list.Count > 0 ? list[spec.Device % list.Count] : null;
        var ip = DeviceIp(devices, companyId, spec.Device);
        var start = s_triageMonth.AddDays(spec.Day - 1).AddHours(spec.Hour);
        var inbound = spec.Type is AlertType.UrlScan or AlertType.PortScan or AlertType.BruteForceFailure;
        var isName = !System.Net.IPAddress.TryParse(spec.Remote, out _);
        var alerts = Enumerable.Range(0, 3).Select(k => NewAlert(op.Operator.Id, companyId, spec.Type, spec.Severity,
                inbound ? (isName ? "198.51.100.250" : spec.Remote) : ip,
                inbound ? ip : (isName ? "203.0.113.80" : spec.Remote),
                isName ? spec.Remote : null,
                start.AddMinutes(k * 40), 5 + (k * 11)))
            .ToList();
        foreach (var a in alerts)
        {
            a.DeviceId = device?.Id;
            a.State = AlertState.InIncident;
        }

        var label = DeviceLabel.Format(device, ip, "ja");
        var opened = start.AddMinutes(90);
        var incident = new Incident
        {
            OperatorId = op.Operator.Id,
            CompanyId = companyId,
            DeviceId = device?.Id,
            AlertType = spec.Type,
            Severity = spec.Severity,
            State = spec.State,
            Title = AlertExplanations.For(spec.Type, "ja").Title + " — " + label,
            AnalystSummary = spec.Summary.Length == 0 ? null : spec.Summary,
            AssigneeName = spec.State == IncidentState.New ? null : DemoAnalyst,
            OpenedAt = opened,
            FirstAlertAt = alerts[0].FirstSeen,
            LastAlertAt = alerts[^1].LastSeen,
            AlertCount = alerts.Count,
        };
        _db.Incidents.Add(incident);
        await _db.SaveChangesAsync(cancellationToken);
        foreach (var a in alerts)
        {
            a.IncidentId = incident.Id;
        }

        _db.SecurityAlerts.AddRange(alerts);
        var at = opened;
        void Event(IncidentEventKind kind, string text, double afterHours, string actor = DemoAnalyst)
        {
            at = at.AddHours(afterHours);
            _db.IncidentEvents.Add(IncidentWorkflow.Event(incident, at, kind, actor, text));
        }

        Event(IncidentEventKind.Opened, incident.Title, 0);
        Event(IncidentEventKind.AlertsLinked, "3 alerts", 0);
        if (device is not null)
        {
            Event(IncidentEventKind.DeviceLinked, label, 0);
        }

        if (spec.State == IncidentState.New)
        {
            return;
        }

        Event(IncidentEventKind.Assigned, DemoAnalyst, 0.2);
        Event(IncidentEventKind.StateChanged, "New → Investigating", 0.3);
        incident.FirstRespondedAt = at;
        if (spec.Summary.Length > 0)
        {
            Event(IncidentEventKind.Comment, spec.Summary, 0.5);
        }

        if (spec.State is IncidentState.Investigating)
        {
            return;
        }

        if (spec.State == IncidentState.FalsePositive)
        {
            Event(IncidentEventKind.StateChanged, "Investigating → FalsePositive", 1);
            incident.ClosedAt = at;
            return;
        }

        var (subject, body) = NoticeText.Incident(spec.Type, spec.Severity, company.Name, label, ip, spec.Remote, incident.FirstAlertAt, contact, company.NoticeLanguage);
        Event(IncidentEventKind.NoticeSent, subject, 0.5);
        Event(IncidentEventKind.StateChanged, "Investigating → Notified", 0);
        incident.NotifiedAt = at;
        var notice = new Notice
        {
            OperatorId = op.Operator.Id,
            CompanyId = companyId,
            IncidentId = incident.Id,
            Kind = NoticeKind.Incident,
            Severity = spec.Severity,
            Language = company.NoticeLanguage,
            Subject = subject,
            Body = body,
            CreatedAt = at.AddMinutes(-20),
            AuthorName = DemoAnalyst,
            SentAt = at,
            Delivery = NoticeDelivery.Sent,
            DeliveryAttempts = 1,
            Recipients = string.Join(",", company.Contacts.Where(c => c.Email != null).Select(c => c.Email)),
            CopiedToContractor = company.ContractorEmail is not null,
        };
        if (notice.CopiedToContractor)
        {
            notice.Recipients += ",cc:" + company.ContractorEmail;
        }

        _db.Notices.Add(notice);
        if (spec.Severity == AlertSeverity.High && spec.State == IncidentState.Notified)
        {
            // The demo's unacknowledged high notice: escalated after the default four hours.
            Event(IncidentEventKind.Escalated, "not acknowledged 4 h after sending: " + subject, 4, Alerts.TriageNewAlertsHandler.SystemActor);
            notice.EscalatedAt = at;
            return;
        }

        Event(IncidentEventKind.NoticeAcknowledged, subject, 2.5, company.Contacts.FirstOrDefault()?.Name ?? company.Name);
        notice.AcknowledgedAt = at;
        notice.AcknowledgedBy = company.Contacts.FirstOrDefault()?.Name;
        if (spec.State == IncidentState.Resolved)
        {
            Event(IncidentEventKind.StateChanged, "Notified → Resolved", 20);
            incident.ClosedAt = at;
        }
    }

    private void AddDigests(SeededOperator op, List<SecurityAlert> undesirable, Dictionary<int, List<Device>> devices, HelpDeskContact contact)
    {
        var deviceById = devices.Values.SelectMany(d => d).ToDictionary(d => d.Id);
        foreach (var group in undesirable.GroupBy(a => (a.CompanyId, Week: WeekStart(a.FirstSeen))).OrderBy(g => g.Key.Week).ThenBy(g => g.Key.CompanyId))
        {
            var (start, end) = (group.Key.Week, group.Key.Week.AddDays(6));
            var company = _db.Companies.Local.First(c => c.Id == group.Key.CompanyId);
            var (subject, body) = BuildWeeklyDigestsHandler.Text(company.Name, company.NoticeLanguage, start, end, group.ToList(), deviceById, contact);
            var sent = new DateTimeOffset(end.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(9)).ToUniversalTime();
            _db.Notices.Add(new Notice
            {
                OperatorId = op.Operator.Id,
                CompanyId = company.Id,
                Kind = NoticeKind.WeeklyDigest,
                Severity = AlertSeverity.Low,
                Language = company.NoticeLanguage,
                Subject = subject,
                Body = body,
                CreatedAt = sent,
                AuthorName = Alerts.TriageNewAlertsHandler.SystemActor,
                SentAt = sent,
                Delivery = NoticeDelivery.Sent,
                DeliveryAttempts = 1,
                Recipients = string.Join(",", company.Contacts.Where(c => c.Email != null).Select(c => c.Email)
                    .Concat(company.ContractorEmail is null ? [] : ["cc:" + company.ContractorEmail])),
                CopiedToContractor = company.ContractorEmail is not null,
                PeriodStart = start,
                PeriodEnd = end,
                AcknowledgedAt = group.Key.Week.Day < 20 ? sent.AddHours(3) : null,
                AcknowledgedBy = group.Key.Week.Day < 20 ? company.Contacts.FirstOrDefault()?.Name : null,
            });
        }
    }

    private static DateOnly WeekStart(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(9)).DateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static string DeviceIp(Dictionary<int, List<Device>> devices, int companyId, int index) =>
        devices.TryGetValue(companyId, out var list) && list.Count > 0 && list[index % list.Count].IpAddress is { } ip
            ? ip
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"192.168.200.{20 + index}");

    private static AlertSeverity DefaultSeverity(AlertType type) => type switch
    {
        AlertType.SynFlood or AlertType.UrlScan or AlertType.PortScan or AlertType.PlaintextPassword or AlertType.PrivilegedAccount => AlertSeverity.Low,
        _ => AlertSeverity.Medium,
    };

    private int _alertSerial;

    private SecurityAlert NewAlert(int operatorId, int companyId, AlertType type, AlertSeverity severity, string src, string dst, string? dstName, DateTimeOffset at, long count) => new()
    {
        OperatorId = operatorId,
        CompanyId = companyId,
        ExternalId = DemoGuid(companyId, ++_alertSerial),
        Type = type,
        KillChain = AlertCatalog.StageOf(type),
        Severity = severity,
        SrcIp = src,
        DstIp = dst,
        DstName = dstName,
        FirstSeen = at,
        LastSeen = at.AddMinutes(Math.Min(count, 30)),
        Count = count,
        Evidence = $"{AlertExplanations.For(type, "en").Title}: {count} events from {src} to {dstName ?? dst}",
        EvidenceJa = $"{AlertExplanations.For(type, "ja").Title}：{src} から {dstName ?? dst} へ {count} 回",
        ReceivedAt = at.AddMinutes(Math.Min(count, 30) + 1),
        UpdatedAt = at.AddMinutes(Math.Min(count, 30) + 1),
        State = AlertState.New,
    };

    private static Guid DemoGuid(int companyId, int serial)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, serial);
        BitConverter.TryWriteBytes(bytes[4..], companyId);
        "MamoriDemo"u8.CopyTo(bytes[6..]);
        return new Guid(bytes);
    }
}
