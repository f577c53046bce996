using Mamori.Web.Features.Dispatch;
using Mamori.Web.Features.HelpDesk;
using Mamori.Web.Features.Insurance;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Demo;

/// <summary>
/// A month (October 2026) of help desk work for the Tohoku operator: inquiries in the four
/// categories of seed 003 表3.3.2-5 with replies, dispatches and visits of the three kinds,
/// tier-1 cover for every member, tier-2 cover for some, and one claim. Fixed data, fixed order.
/// </summary>
public sealed partial class DemoSeeder
{
    /// <summary>The demo's tier-1 annual limit per member (on-site dispatch cover).</summary>
    public const long Tier1AnnualLimitYen = 300_000;

    // Stored in UTC: PostgreSQL's timestamptz takes only offset zero.
    private static readonly DateTimeOffset s_month = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(9)).ToUniversalTime();

    // (day of October, hour, minute, category, company, channel, subject, text, hours to first reply, hours to resolution or 0 if open)
    private static readonly (int Day, int Hour, int Minute, InquiryCategory Category, string Company, InquiryChannel Channel, string Subject, string Text, double FirstReply, double Resolve)[] s_inquiries =
    [
        (1, 9, 40, InquiryCategory.Participation, "株式会社かみのやま荘", InquiryChannel.Phone, "参加申込みの手続きについて", "事業への参加を検討しています。申込書の書き方と必要な書類を教えてください。", 0.5, 3),
        (1, 14, 5, InquiryCategory.DeviceInstallation, "株式会社青葉商事", InquiryChannel.Web, "センサーの設置場所について", "事務所のルーターの近くにコンセントが一つしかありません。センサーはどこに置けばよいでしょうか。", 1.5, 20),
        (2, 10, 20, InquiryCategory.SecurityConsultation, "株式会社八戸みなと水産", InquiryChannel.Email, "取引先を名乗る不審なメール", "取引先の名前で請求書の振込先変更のメールが届きました。添付ファイルは開いていません。どうすればよいですか。", 0.8, 6),
        (5, 9, 15, InquiryCategory.Other, "津軽建設株式会社", InquiryChannel.Phone, "月次レポートの見方", "先月の健康診断書の「望ましくない操作」の意味を教えてください。", 2, 8),
        (5, 16, 50, InquiryCategory.DeviceInstallation, "株式会社盛岡精密工業", InquiryChannel.Email, "ミラーポートの設定方法", "スイッチのミラーポート設定がわかりません。機種はメーカー名と型番を添付します。", 3, 30),
        (6, 11, 0, InquiryCategory.Participation, "株式会社竿燈不動産", InquiryChannel.Phone, "参加費用と期間", "参加にかかる費用と、センサーの返却時期を確認したいです。", 0.3, 1),
        (7, 13, 30, InquiryCategory.SecurityConsultation, "株式会社ほっと仙台ケア", InquiryChannel.Web, "パソコンの動作が急に遅い", "受付のパソコンが今朝から非常に遅く、見慣れない画面が一瞬出ました。", 0.4, 12),
        (8, 9, 5, InquiryCategory.DeviceInstallation, "株式会社庄内ゼミナール", InquiryChannel.Phone, "センサーのランプが赤く点滅", "設置したセンサーのランプが赤く点滅しています。", 1, 5),
        (9, 15, 45, InquiryCategory.Other, "株式会社いわき精機", InquiryChannel.Email, "請求書の宛名変更", "事務局からの書類の宛名を情報システム課に変更してください。", 4, 10),
        (13, 10, 10, InquiryCategory.SecurityConsultation, "株式会社青葉商事", InquiryChannel.Web, "USBメモリの紛失", "社員が顧客名簿の入ったUSBメモリを紛失したかもしれません。まず何をすべきですか。", 0.5, 9),
        (13, 14, 0, InquiryCategory.Participation, "株式会社酒田米穀店", InquiryChannel.Phone, "説明会の日程", "次回の説明会はいつ、どこで開かれますか。", 1, 2),
        (14, 9, 30, InquiryCategory.DeviceInstallation, "株式会社花巻テック", InquiryChannel.Web, "テレワーク用センサーの追加", "在宅勤務の社員宅にもセンサーを置けますか。", 2.5, 16),
        (15, 11, 20, InquiryCategory.SecurityConsultation, "医療法人社団 会津みなみ内科クリニック", InquiryChannel.Phone, "電子カルテ端末への不審な通信", "アラートの通知にあった電子カルテ端末の通信について詳しく知りたいです。", 0.6, 14),
        (16, 16, 10, InquiryCategory.Other, "株式会社郡山クリーンサービス", InquiryChannel.Email, "担当者の交代連絡", "当社の窓口担当が11月から変わります。", 5, 7),
        (19, 9, 50, InquiryCategory.DeviceInstallation, "株式会社奥入瀬ホテルサービス", InquiryChannel.Phone, "ルーター交換後の再設定", "ルーターを交換したらセンサーがつながらなくなりました。", 0.7, 9),
        (20, 13, 15, InquiryCategory.SecurityConsultation, "仙台中央運送株式会社", InquiryChannel.Email, "ランサムウェアの疑い", "共有フォルダのファイル名が変わり、開けなくなっています。", 0.2, 18),
        (21, 10, 40, InquiryCategory.Participation, "大曲設計事務所株式会社", InquiryChannel.Web, "参加継続の手続き", "来年度も続けて参加するには何が必要ですか。", 1.2, 4),
        (22, 15, 30, InquiryCategory.Other, "株式会社みやぎ保険サービス", InquiryChannel.Phone, "保険の補償内容", "付帯の保険で何が補償されるのか教えてください。", 0.9, 3),
        (23, 11, 10, InquiryCategory.DeviceInstallation, "有限会社横手工務店", InquiryChannel.Phone, "センサー設置の立ち会い", "設置作業の日程調整をお願いします。", 1.5, 25),
        (26, 9, 20, InquiryCategory.SecurityConsultation, "株式会社杜の都システムズ", InquiryChannel.Web, "退職者のアカウント", "退職した社員のクラウドのアカウントが使われた形跡があります。", 0.5, 0),
        (27, 14, 45, InquiryCategory.Participation, "株式会社いわて小水力発電", InquiryChannel.Email, "参加条件の確認", "従業員4名でも参加できますか。", 2, 0),
        (28, 10, 0, InquiryCategory.Other, "株式会社八戸みなと水産", InquiryChannel.Phone, "研修会の資料", "先日の研修会の資料をもう一部送ってください。", 6, 0),
        (29, 16, 20, InquiryCategory.DeviceInstallation, "株式会社いわき精機", InquiryChannel.Web, "工場ネットワークへの設置", "工場側のネットワークにも設置したいので相談させてください。", 0, 0),
        (30, 9, 10, InquiryCategory.SecurityConsultation, "株式会社青葉商事", InquiryChannel.Phone, "偽のセキュリティ警告", "ブラウザに「ウイルスに感染しています」と出て電話番号が表示されました。", 0, 0),
    ];

    // (company, vendor, kind, remote impossible, day, start hour, hours on site, cost, work done, confirmed)
    private static readonly (string Company, string Vendor, VisitKind Kind, bool RemoteImpossible, int Day, int Hour, double Hours, long Cost, string Work, bool Confirmed)[] s_visits =
    [
        ("株式会社青葉商事", "株式会社みちのくITサポート", VisitKind.InstallationSupport, false, 3, 13, 1.5, 0, "センサーをルーター横に設置し、ミラーポートの通信を確認。", true),
        ("株式会社盛岡精密工業", "有限会社あおもりパソコンサービス", VisitKind.InstallationSupport, false, 8, 10, 2, 0, "スイッチのミラーポートを設定し、センサーの受信を確認。", true),
        ("株式会社ほっと仙台ケア", "株式会社みちのくITサポート", VisitKind.IncidentResponse, true, 8, 14, 3, 66_000, "受付PCをネットワークから切り離し、不審なプログラムを確認・駆除。パスワード変更を支援。", true),
        ("株式会社奥入瀬ホテルサービス", "有限会社あおもりパソコンサービス", VisitKind.Trouble, false, 20, 10, 1, 0, "新しいルーターにセンサーの接続を設定し直した。", true),
        ("仙台中央運送株式会社", "株式会社ふくしまネットワーク技研", VisitKind.IncidentResponse, false, 21, 9, 4, 0, "感染端末を特定して隔離。バックアップからの復元手順を案内。", false),
    ];

    private async Task SeedHelpDeskAsync(SeededOperator op, CancellationToken cancellationToken)
    {
        var operatorId = op.Operator.Id;
        var inquiries = new List<Inquiry>();
        foreach (var s in s_inquiries)
        {
            var received = s_month.AddDays(s.Day - 1).AddHours(s.Hour).AddMinutes(s.Minute);
            var companyId = op.Companies[s.Company];
            var contact = await _db.CompanyContacts.Where(c => c.CompanyId == companyId).Select(c => new { c.Name, c.Email, c.Phone }).FirstAsync(cancellationToken);
            var inquiry = new Inquiry
            {
                OperatorId = operatorId,
                CompanyId = companyId,
                Channel = s.Channel,
                Category = s.Category,
                FromName = contact.Name,
                FromAddress = s.Channel == InquiryChannel.Phone ? contact.Phone : contact.Email,
                Subject = s.Subject,
                Body = s.Text,
                ReceivedAt = received,
                AssigneeName = s.FirstReply > 0 ? DemoLogins.TohokuOperator.DisplayName : null,
            };
            if (s.FirstReply > 0)
            {
                var repliedAt = received.AddHours(s.FirstReply);
                inquiry.FirstRespondedAt = repliedAt;
                inquiry.Status = s.Resolve > 0 ? InquiryStatus.Closed : InquiryStatus.WaitingForCustomer;
                inquiry.Replies.Add(new InquiryReply
                {
                    OperatorId = operatorId,
                    CompanyId = companyId,
                    ByStaff = true,
                    AuthorName = DemoLogins.TohokuOperator.DisplayName,
                    Text = "お問い合わせありがとうございます。" + s.Subject + "について、担当よりご案内いたします。",
                    WrittenAt = repliedAt,
                });
                if (s.Resolve > 0)
                {
                    inquiry.ResolvedAt = received.AddHours(s.Resolve);
                }
            }

            inquiries.Add(inquiry);
        }

        _db.Inquiries.AddRange(inquiries);

        // An e-mail from a sender no member company has registered: kept, unlinked.
        _db.Inquiries.Add(new Inquiry
        {
            OperatorId = operatorId,
            Channel = InquiryChannel.Email,
            Category = InquiryCategory.Participation,
            FromName = "unknown-sender@example.net",
            FromAddress = "unknown-sender@example.net",
            Subject = "参加したいのですが",
            Body = "地元で飲食店を経営しています。この事業に参加するにはどうすればよいですか。",
            ReceivedAt = s_month.AddDays(30).AddHours(11),
        });
        await _db.SaveChangesAsync(cancellationToken);

        var insurerId = await _db.Insurers.Where(i => i.OperatorId == operatorId).Select(i => i.Id).FirstAsync(cancellationToken);
        var policies = new Dictionary<int, InsurancePolicy>();
        var n = 0;
        foreach (var (name, companyId) in op.Companies.OrderBy(c => c.Value))
        {
            n++;
            var policy = NewPolicy(operatorId, companyId, insurerId, PolicyCover.OnSiteDispatch, $"T1-2026-{n:D4}", Tier1AnnualLimitYen);
            policies[companyId] = policy;
            _db.InsurancePolicies.Add(policy);
            if (n % 4 == 1)
            {
                _db.InsurancePolicies.Add(NewPolicy(operatorId, companyId, insurerId, PolicyCover.Liability, $"T2L-2026-{n:D4}", 10_000_000));
                _db.InsurancePolicies.Add(NewPolicy(operatorId, companyId, insurerId, PolicyCover.SecurityCosts, $"T2C-2026-{n:D4}", 3_000_000));
            }
        }

        await _db.SaveChangesAsync(cancellationToken);

        foreach (var v in s_visits)
        {
            var companyId = op.Companies[v.Company];
            var siteId = await _db.Sites.Where(s => s.CompanyId == companyId).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(cancellationToken);
            var start = s_month.AddDays(v.Day - 1).AddHours(v.Hour);
            var dispatch = new DispatchRequest
            {
                OperatorId = operatorId,
                CompanyId = companyId,
                SiteId = siteId,
                InquiryId = inquiries.FirstOrDefault(i => i.CompanyId == companyId)?.Id,
                VendorId = op.Vendors[v.Vendor],
                Kind = v.Kind,
                RemoteImpossible = v.RemoteImpossible,
                Reason = v.Work,
                RequestedAt = start.AddDays(-1),
                RespondedAt = start.AddDays(-1).AddHours(1),
                Status = v.Confirmed ? DispatchStatus.Confirmed : DispatchStatus.Visited,
            };
            _db.Dispatches.Add(dispatch);
            await _db.SaveChangesAsync(cancellationToken);
            _db.Visits.Add(new Visit
            {
                OperatorId = operatorId,
                CompanyId = companyId,
                VendorId = dispatch.VendorId,
                DispatchId = dispatch.Id,
                Kind = v.Kind,
                StartedAt = start,
                EndedAt = start.AddHours(v.Hours),
                WorkDone = v.Work,
                CostYen = v.Cost,
                ConfirmedAt = v.Confirmed ? start.AddHours(v.Hours + 2) : null,
                ConfirmedBy = v.Confirmed ? "担当者" : null,
            });
            if (v.RemoteImpossible && v.Confirmed)
            {
                var policy = policies[companyId];
                _db.InsuranceClaims.Add(new InsuranceClaim
                {
                    OperatorId = operatorId,
                    CompanyId = companyId,
                    PolicyId = policy.Id,
                    DispatchId = dispatch.Id,
                    Status = ClaimStatus.Approved,
                    IncurredOn = DateOnly.FromDateTime(start.ToOffset(TimeSpan.FromHours(9)).DateTime),
                    AmountYen = v.Cost,
                    CoveredYen = v.Cost,
                    Description = "駆け付け費用(遠隔対応不可): " + v.Work,
                    FiledAt = start.AddHours(v.Hours + 2),
                });
            }
        }

        // An offer waiting for the Tohoku demo vendor in its portal.
        var aoba = op.Companies["株式会社青葉商事"];
        _db.Dispatches.Add(new DispatchRequest
        {
            OperatorId = operatorId,
            CompanyId = aoba,
            SiteId = await _db.Sites.Where(s => s.CompanyId == aoba).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(cancellationToken),
            VendorId = op.Vendors["株式会社みちのくITサポート"],
            Kind = VisitKind.Trouble,
            Reason = "偽のセキュリティ警告が消えないため、ブラウザの設定確認を依頼。",
            RequestedAt = s_month.AddDays(29).AddHours(10),
        });
        await _db.SaveChangesAsync(cancellationToken);
    }

    private static InsurancePolicy NewPolicy(int operatorId, int companyId, int insurerId, PolicyCover cover, string number, long limit) => new()
    {
        OperatorId = operatorId,
        CompanyId = companyId,
        InsurerId = insurerId,
        Cover = cover,
        PolicyNumber = number,
        AnnualLimitYen = limit,
        StartsOn = new DateOnly(2026, 4, 1),
    };
}
