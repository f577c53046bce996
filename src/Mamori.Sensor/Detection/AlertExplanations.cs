namespace Mamori.Sensor.Detection;

/// <summary>Plain-language words for an alert type, for an SME owner rather than an analyst.</summary>
/// <param name="Title">Short name.</param>
/// <param name="WhatHappened">What the alert means, in everyday words.</param>
/// <param name="WhatToDo">What to do now.</param>
public sealed record AlertExplanation(string Title, string WhatHappened, string WhatToDo);

/// <summary>
/// Plain Japanese (and English) explanations per alert type, used by <c>mamori analyze</c>'s
/// report and by notices. Titles follow the pilot's alert table (seed 003 表3.3.2-2).
/// </summary>
public static class AlertExplanations
{
    /// <summary>Explanation of a type in "ja" or "en".</summary>
    public static AlertExplanation For(AlertType type, string language) =>
        string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) ? English(type) : Japanese(type);

    /// <summary>Severity word.</summary>
    public static string Severity(AlertSeverity severity, string language) => string.Equals(language, "en", StringComparison.OrdinalIgnoreCase)
        ? severity switch { AlertSeverity.High => "High", AlertSeverity.Medium => "Medium", _ => "Low" }
        : severity switch { AlertSeverity.High => "高", AlertSeverity.Medium => "中", _ => "低" };

    /// <summary>Kill-chain stage words.</summary>
    public static string Stage(KillChainStage stage, string language) => string.Equals(language, "en", StringComparison.OrdinalIgnoreCase)
        ? stage switch
        {
            KillChainStage.Reconnaissance => "Reconnaissance",
            KillChainStage.Delivery => "Delivery",
            KillChainStage.Exploitation => "Exploitation",
            KillChainStage.CommandAndControl => "Command and control",
            KillChainStage.ActionsOnObjectives => "Actions on objectives",
            _ => "Undesirable operation",
        }
        : stage switch
        {
            KillChainStage.Reconnaissance => "偵察",
            KillChainStage.Delivery => "デリバリー",
            KillChainStage.Exploitation => "エクスプロイト",
            KillChainStage.CommandAndControl => "C&C",
            KillChainStage.ActionsOnObjectives => "目的の実行",
            _ => "好ましくない運用",
        };

    private static AlertExplanation Japanese(AlertType type) => type switch
    {
        AlertType.DnsTunneling => new("DNS トンネリング攻撃",
            "パソコンが、ふつうの名前の問い合わせ（DNS）に見せかけて、大量のデータを外部へ送っているようです。情報が持ち出されている可能性があります。",
            "該当するパソコンをネットワークから外し（LAN ケーブルを抜く・Wi-Fi を切る）、電源は入れたままにして、窓口へご連絡ください。"),
        AlertType.BruteForceSuccess => new("ブルートフォース攻撃によるログイン成功",
            "パスワードを何度も試す攻撃のあとで、ログインに成功した記録があります。第三者にアカウントを乗っ取られた可能性があります。",
            "該当アカウントのパスワードをすぐに変更し、ログイン履歴を確認してください。心当たりがなければ窓口へご連絡ください。"),
        AlertType.SynFlood => new("SYN Flood 攻撃の検知",
            "サーバーに接続要求が大量に送りつけられ、サービスが止まるおそれがあります。",
            "サーバーやルーターの管理業者に連絡し、通信の制限などの対策を相談してください。"),
        AlertType.KnownC2 => new("既知の C&C サーバーへの通信",
            "パソコンが、攻撃者がウイルスを遠隔操作するために使うことで知られたサーバーと通信しています。ウイルスに感染している可能性が高い状態です。",
            "該当するパソコンをネットワークから外し、電源は入れたままにして、すぐに窓口へご連絡ください。"),
        AlertType.DgaC2 => new("DGA による C&C サーバーへの通信",
            "パソコンが、ウイルスが自動で作る意味のない名前のサーバーを次々に探しています。ウイルスが攻撃者との連絡先を探している可能性があります。",
            "該当するパソコンをネットワークから外し、ウイルス対策ソフトで全体をスキャンして、窓口へご連絡ください。"),
        AlertType.MalwareSite => new("マルウェア配布サイトへのアクセス",
            "ウイルスを配っていることで知られたサイトにアクセスしました。ウイルスをダウンロードした可能性があります。",
            "ダウンロードしたファイルを開かず、ウイルス対策ソフトでスキャンしてください。開いてしまった場合は窓口へご連絡ください。"),
        AlertType.AbnormalProcess => new("異常なプロセスの実行",
            "Word・Excel やブラウザから不審なプログラムが起動される、別のパソコンの管理用の共有フォルダ（ADMIN$ など）へプログラムが送り込まれるなど、ウイルスの感染や感染の広がりのときによく見られる動きがありました。",
            "直前に開いたメールの添付ファイルやダウンロードしたファイルを確認し、該当するパソコン（送り込まれた場合は送った側と送られた側の両方）をネットワークから外して窓口へご連絡ください。"),
        AlertType.BruteForceFailure => new("ブルートフォース攻撃によるログイン失敗",
            "外部または内部から、パスワードを何度も試してログインしようとする攻撃を受けています（まだ成功はしていません）。",
            "推測されにくい長いパスワードに変更し、不要なサービスはインターネットに公開しないでください。"),
        AlertType.ReverseBruteForce => new("リバースブルートフォース攻撃によるログイン失敗",
            "よく使われるパスワードで、たくさんのアカウントへのログインを試す攻撃（パスワードスプレー）を受けています。",
            "すべての利用者に、使い回しや簡単なパスワードを避けるよう周知し、可能なら多要素認証を設定してください。"),
        AlertType.PortScan => new("ポートスキャン",
            "どの機器でどんなサービスが動いているかを調べる、攻撃の下調べと思われる通信がありました。",
            "使っていないサービスやポートを閉じ、ルーターやファイアウォールの設定を見直してください。"),
        AlertType.UrlScan => new("URL スキャン",
            "公開している Web サイトに対し、弱点を探すための大量のアクセスや攻撃コードが送られました。",
            "Web サイトのソフトウェアを最新にし、管理画面を外部から見えないようにしてください。成功応答がある場合は制作業者に確認を依頼してください。"),
        AlertType.PhishingSite => new("フィッシングサイトへのアクセス",
            "本物そっくりに作られた偽サイト（フィッシングサイト）にアクセスしました。ID やパスワード、カード番号をだまし取られるおそれがあります。",
            "偽サイトに情報を入力していないか使用者に確認し、入力した場合はすぐにパスワードの変更やカード会社への連絡をしてください。"),
        AlertType.PlaintextPassword => new("パスワードの非暗号化通信",
            "パスワードが暗号化されないまま送られています。通信の途中で盗み見られるおそれがあります。",
            "暗号化された方式（FTPS・SFTP・POP3S/IMAPS・HTTPS など）に切り替えるよう、機器やソフトの設定を見直してください。"),
        AlertType.PrivilegedAccount => new("特権アカウントの常用",
            "administrator や root など、何でもできる管理者用アカウントでふだんの作業をしています。ウイルスに感染したときの被害が大きくなります。",
            "ふだんの作業には一般ユーザーのアカウントを使い、管理者アカウントは必要なときだけ使ってください。"),
        AlertType.BannedSoftware => new("利用すべきでないソフトウェア",
            "ファイル共有ソフトや許可されていない遠隔操作ソフト、迷惑ソフト（アドウェア）の利用の痕跡があります。情報漏えいや感染の原因になります。",
            "業務で必要か確認し、不要であればアンインストールしてください。必要な場合は管理者の許可を得て設定を見直してください。"),
        _ => new(type.ToString(), "", ""),
    };

    private static AlertExplanation English(AlertType type) => type switch
    {
        AlertType.DnsTunneling => new("DNS tunnelling",
            "A computer seems to be sending a lot of data out disguised as ordinary name look-ups (DNS). Information may be leaving the company.",
            "Disconnect the computer from the network (unplug the cable, turn off Wi-Fi), leave it switched on, and contact the help desk."),
        AlertType.BruteForceSuccess => new("Login success after brute force",
            "After many password guesses, a login succeeded. Someone may have taken over the account.",
            "Change the account's password now and check its recent logins. Contact the help desk if anything looks unfamiliar."),
        AlertType.SynFlood => new("SYN flood",
            "A server is being flooded with connection requests and may stop working.",
            "Ask whoever manages the server or router to limit the traffic."),
        AlertType.KnownC2 => new("Traffic to a known C&C server",
            "A computer is talking to a server known to be used by attackers to control infected machines. It is very likely infected.",
            "Disconnect the computer from the network, leave it switched on, and contact the help desk immediately."),
        AlertType.DgaC2 => new("Traffic to DGA-generated C&C names",
            "A computer keeps looking up meaningless machine-made names, as malware does when it searches for its controller.",
            "Disconnect the computer, run a full anti-virus scan and contact the help desk."),
        AlertType.MalwareSite => new("Access to a malware distribution site",
            "Someone visited a site known to hand out malware. A malicious file may have been downloaded.",
            "Do not open downloaded files; scan the computer. If a file was opened, contact the help desk."),
        AlertType.AbnormalProcess => new("Abnormal process execution",
            "A program started in a way typical of infections, such as Word, Excel or a browser launching a command shell, or a program was copied into another PC's administrative share (ADMIN$), the way malware spreads.",
            "Check the e-mail attachment or download opened just before, disconnect the computers involved (for a copy, both the sending and the receiving PC) and contact the help desk."),
        AlertType.BruteForceFailure => new("Brute-force login failures",
            "Someone is guessing passwords to log in (not successful so far).",
            "Use long passwords that are hard to guess and do not expose unneeded services to the Internet."),
        AlertType.ReverseBruteForce => new("Reverse brute force (password spraying)",
            "Someone is trying common passwords against many accounts.",
            "Tell everyone to avoid simple or reused passwords, and turn on multi-factor authentication where possible."),
        AlertType.PortScan => new("Port scan",
            "Someone checked which services run on which devices, typically to prepare an attack.",
            "Close services and ports you do not use and review the router and firewall settings."),
        AlertType.UrlScan => new("URL scan",
            "Your public web site received many requests looking for weaknesses, including attack code.",
            "Update the web site's software and hide admin pages from the Internet. If the site answered with success, ask its developer to check it."),
        AlertType.PhishingSite => new("Access to a phishing site",
            "Someone visited a fake site made to look genuine, built to steal IDs, passwords or card numbers.",
            "Ask the user whether they typed anything there; if so, change passwords and call the card company at once."),
        AlertType.PlaintextPassword => new("Password sent unencrypted",
            "A password crossed the network without encryption and could be read on the way.",
            "Switch the device or software to an encrypted method (FTPS, SFTP, POP3S/IMAPS, HTTPS)."),
        AlertType.PrivilegedAccount => new("Everyday use of a privileged account",
            "Everyday work is done with an all-powerful account such as administrator or root, which makes any infection worse.",
            "Use an ordinary user account day to day and the administrator account only when needed."),
        AlertType.BannedSoftware => new("Software that should not be used",
            "There are signs of file-sharing software, an unapproved remote-control tool or adware, which can leak information or bring infections.",
            "Check whether it is needed for work; uninstall it if not, or get the administrator's approval and review its settings."),
        _ => new(type.ToString(), "", ""),
    };
}
