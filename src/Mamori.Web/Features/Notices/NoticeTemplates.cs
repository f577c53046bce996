using Mamori.Sensor.Detection;

namespace Mamori.Web.Features.Notices;

/// <summary>The four parts of a notice about one alert type, in one language.</summary>
/// <param name="Title">Plain title, used as the subject and in the member portal.</param>
/// <param name="WhatHappened">What was seen, in everyday words.</param>
/// <param name="WhyItMatters">What could follow if nothing is done.</param>
/// <param name="WhatToDo">What to do now.</param>
public sealed record NoticeTemplate(string Title, string WhatHappened, string WhyItMatters, string WhatToDo);

/// <summary>
/// Notice templates for every alert type in plain Japanese and English. The title, what
/// happened and what to do are the sensor's plain explanations (<see cref="AlertExplanations"/>, the
/// same words as <c>mamori analyze</c>'s report); why it matters follows the pilot's incident reports
/// (seed 003 表3.3.2-4: "… の可能性があるため、通報し、… の実施を案内した").
/// </summary>
public static class NoticeTemplates
{
    public static NoticeTemplate For(AlertType type, string language)
    {
        var english = IsEnglish(language);
        var explanation = AlertExplanations.For(type, english ? "en" : "ja");
        return new NoticeTemplate(explanation.Title, explanation.WhatHappened, english ? WhyEnglish(type) : WhyJapanese(type), explanation.WhatToDo);
    }

    public static bool IsEnglish(string? language) => string.Equals(language, "en", StringComparison.OrdinalIgnoreCase);

    /// <summary>The undesirable operations: reported in the weekly advice digest, not as incident notices.</summary>
    public static bool IsUndesirableOperation(AlertType type) =>
        type is AlertType.PlaintextPassword or AlertType.PrivilegedAccount or AlertType.BannedSoftware;

    private static string WhyJapanese(AlertType type) => type switch
    {
        AlertType.DnsTunneling => "顧客情報や社内の資料が、気づかないうちに社外へ持ち出されているおそれがあります。情報漏えいは取引先や顧客への説明、損害の補償につながることがあります。",
        AlertType.BruteForceSuccess => "乗っ取られたアカウントを使って、メールの盗み見、なりすましメールの送信、社内の他の機器への侵入が行われるおそれがあります。",
        AlertType.SynFlood => "ホームページやメールなど、お客様や取引先が使うサービスが止まり、業務に支障が出るおそれがあります。",
        AlertType.KnownC2 => "攻撃者にパソコンを遠隔操作され、ファイルの盗み出しや暗号化（ランサムウェア）、社内の他の機器への感染拡大が起きるおそれがあります。",
        AlertType.DgaC2 => "ウイルスが攻撃者と連絡を取れた時点で、情報の持ち出しや遠隔操作が始まるおそれがあります。早めの対処で被害を防げます。",
        AlertType.MalwareSite => "ダウンロードしたファイルを開くとウイルスに感染し、情報の盗み出しやファイルの暗号化などの被害を受けるおそれがあります。",
        AlertType.AbnormalProcess => "ウイルスがすでに動き始めている可能性があり、放置すると情報の盗み出しや社内への感染拡大につながるおそれがあります。",
        AlertType.BruteForceFailure => "パスワードが簡単なものだと、いずれ当てられてログインされ、情報の盗み出しや機器の乗っ取りにつながるおそれがあります。",
        AlertType.ReverseBruteForce => "一人でも簡単なパスワードを使っていると、そのアカウントから侵入され、社内のメールや情報が見られるおそれがあります。",
        AlertType.PortScan => "攻撃者は調べた結果をもとに、弱点のある機器を狙って次の攻撃をしてきます。いまのうちに入口を閉じておくことが大切です。",
        AlertType.UrlScan => "弱点が見つかると、Web サイトの改ざんや不正アクセス、お客様情報の漏えいなどの被害につながるおそれがあります。",
        AlertType.PhishingSite => "偽サイトで入力した ID やパスワードが悪用されると、メールやネットバンキングへの不正ログイン、カードの不正利用、ウイルス感染などの被害につながるおそれがあります。",
        AlertType.PlaintextPassword => "同じネットワークにいる第三者や途中の経路でパスワードを盗み見られ、機器やサービスに不正にログインされるおそれがあります。",
        AlertType.PrivilegedAccount => "管理者のアカウントでウイルスに感染すると、パソコンの設定を変えられたり、社内の他の機器まで被害が広がったりするおそれがあります。",
        AlertType.BannedSoftware => "こうしたソフトは、知らないうちに情報を外部に公開したり、ウイルス感染の入口になったりするおそれがあります。",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static string WhyEnglish(AlertType type) => type switch
    {
        AlertType.DnsTunneling => "Customer data or internal documents may be leaving the company unnoticed. A leak can mean explaining to customers and partners and paying for the damage.",
        AlertType.BruteForceSuccess => "A taken-over account can be used to read mail, send fake mail in your name and break into other devices in the office.",
        AlertType.SynFlood => "Services your customers and partners use, such as your web site or mail, may stop and disrupt your business.",
        AlertType.KnownC2 => "The attacker can control the computer remotely, steal or encrypt files (ransomware) and spread to other devices in the office.",
        AlertType.DgaC2 => "Once the malware reaches its controller, data theft and remote control can begin. Acting early prevents the damage.",
        AlertType.MalwareSite => "Opening the downloaded file can infect the computer and lead to stolen information or encrypted files.",
        AlertType.AbnormalProcess => "Malware may already be running; left alone it can steal information and spread inside the office.",
        AlertType.BruteForceFailure => "If the password is simple, it will eventually be guessed, leading to stolen information or a taken-over device.",
        AlertType.ReverseBruteForce => "If even one person uses a simple password, the attacker gets in through that account and can read company mail and data.",
        AlertType.PortScan => "Attackers use what they found to target weak devices next. Closing the doors now is what matters.",
        AlertType.UrlScan => "A weakness found can lead to a defaced web site, unauthorised access or leaked customer data.",
        AlertType.PhishingSite => "IDs and passwords typed into a fake site can be used to log in to mail or online banking, misuse cards, or infect the computer.",
        AlertType.PlaintextPassword => "Anyone on the same network or along the way can read the password and log in to the device or service.",
        AlertType.PrivilegedAccount => "If malware arrives while an administrator account is in use, it can change the computer's settings and spread to other devices.",
        AlertType.BannedSoftware => "Such software can publish files to outsiders without anyone noticing, or open the door to malware.",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
