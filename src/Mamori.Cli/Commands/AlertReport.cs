using System.Globalization;
using System.Net;
using System.Text;
using Mamori.Sensor.Detection;

namespace Mamori.Cli.Commands;

/// <summary>The self-contained HTML report of <c>mamori analyze</c>: one card per alert in plain words.</summary>
public static class AlertReport
{
    /// <summary>Renders the report.</summary>
    public static string Render(IReadOnlyList<Alert> alerts, string language, IReadOnlyList<string> inputs, long events)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(inputs);
        var en = string.Equals(language, "en", StringComparison.OrdinalIgnoreCase);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(en ? "en" : "ja").Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(en ? "Mamori security check" : "Mamori セキュリティ診断結果").Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,'Hiragino Sans','Yu Gothic',sans-serif;margin:2rem;max-width:60rem;line-height:1.6;color:#222}\n")
            .Append(".card{border:1px solid #ccc;border-left:.5rem solid #999;border-radius:.4rem;padding:1rem 1.2rem;margin:1rem 0}\n")
            .Append(".high{border-left-color:#c62828}.medium{border-left-color:#f9a825}.low{border-left-color:#78909c}\n")
            .Append("h2{margin:.2rem 0;font-size:1.2rem}.meta{color:#555;font-size:.9rem}.evidence{font-family:monospace;font-size:.85rem;background:#f5f5f5;padding:.4rem}\n")
            .Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(en ? "What Mamori found" : "Mamori が見つけたこと").Append("</h1>\n<p>");
        var high = alerts.Count(a => a.Severity == AlertSeverity.High);
        var medium = alerts.Count(a => a.Severity == AlertSeverity.Medium);
        var low = alerts.Count - high - medium;
        html.Append(Encode(en
            ? string.Create(CultureInfo.InvariantCulture, $"{events} records from {string.Join(", ", inputs)} were checked. Findings: {high} high, {medium} medium, {low} low.")
            : string.Create(CultureInfo.InvariantCulture, $"{string.Join("、", inputs)} の {events} 件の記録を確認しました。危険度 高 {high} 件、中 {medium} 件、低 {low} 件が見つかりました。")));
        html.Append("</p>\n");
        if (alerts.Count == 0)
        {
            html.Append("<p>").Append(en ? "Nothing that needs action was found." : "対応が必要なものは見つかりませんでした。").Append("</p>\n");
        }

        foreach (var alert in alerts)
        {
            var words = AlertExplanations.For(alert.Type, language);
            var css = alert.Severity switch { AlertSeverity.High => "high", AlertSeverity.Medium => "medium", _ => "low" };
            html.Append("<section class=\"card ").Append(css).Append("\">\n<h2>")
                .Append(Encode(words.Title)).Append("</h2>\n<p class=\"meta\">")
                .Append(en ? "Severity: " : "危険度：").Append(Encode(AlertExplanations.Severity(alert.Severity, language)))
                .Append(en ? " / Stage: " : "　段階：").Append(Encode(AlertExplanations.Stage(alert.KillChain, language)))
                .Append(en ? " / From: " : "　発生元：").Append(Encode(AnalyzeCommand.Describe(alert.Src)));
            if (alert.Dst is not null)
            {
                html.Append(en ? " / To: " : "　相手先：").Append(Encode(AnalyzeCommand.Describe(alert.Dst)));
            }

            html.Append(en ? " / When: " : "　期間：")
                .Append(Encode(alert.FirstSeen.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))
                .Append(" – ").Append(Encode(alert.LastSeen.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))
                .Append(en ? " (UTC) / Count: " : "（UTC）　件数：").Append(alert.Count.ToString(CultureInfo.InvariantCulture))
                .Append("</p>\n<p><strong>").Append(en ? "What happened: " : "何が起きたか：").Append("</strong>").Append(Encode(words.WhatHappened))
                .Append("</p>\n<p><strong>").Append(en ? "What to do: " : "どうすればよいか：").Append("</strong>").Append(Encode(words.WhatToDo))
                .Append("</p>\n<p class=\"evidence\">").Append(en ? "Evidence: " : "技術的な根拠：").Append(Encode(alert.Evidence)).Append("</p>\n</section>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
