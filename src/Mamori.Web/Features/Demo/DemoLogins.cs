using Mamori.Web.Infrastructure.Identity;

namespace Mamori.Web.Features.Demo;

/// <summary>The demo accounts, printed by <c>mamori demo</c> and used by the tests.</summary>
public static class DemoLogins
{
    /// <summary>Every demo account has this password. Demo only: never use it on a real installation.</summary>
    public const string Password = "mamori-demo-2026";

    public static readonly DemoLogin TohokuOperator = new(Roles.Operator, "operator@tohoku-cyber.example", "事務局 佐藤 美咲", "一般社団法人 東北サイバー安全推進機構");
    public static readonly DemoLogin TohokuAnalyst = new(Roles.Analyst, "analyst@tohoku-cyber.example", "アナリスト 高橋 健", "一般社団法人 東北サイバー安全推進機構");
    public static readonly DemoLogin TohokuAdvisor = new(Roles.Advisor, "advisor@tohoku-cyber.example", "アドバイザー 鈴木 直子", "一般社団法人 東北サイバー安全推進機構");
    public static readonly DemoLogin AobaMember = new(Roles.Member, "member@aoba-shoji.example", "青葉商事 伊藤 誠", "株式会社青葉商事");
    public static readonly DemoLogin MinatoMember = new(Roles.Member, "member@hachinohe-minato.example", "八戸みなと水産 工藤 里美", "株式会社八戸みなと水産");
    public static readonly DemoLogin MichinokuVendor = new(Roles.Vendor, "vendor@michinoku-it.example", "みちのくITサポート 菅原 翔", "株式会社みちのくITサポート");
    public static readonly DemoLogin HokurikuOperator = new(Roles.Operator, "operator@hokuriku-sme.example", "事務局 山本 葵", "北陸中小企業セキュリティ支援協議会");
    public static readonly DemoLogin HokurikuMember = new(Roles.Member, "member@kanazawa-kogei.example", "金沢工芸 中村 大輔", "株式会社金沢工芸社");
    public static readonly DemoLogin HokurikuVendor = new(Roles.Vendor, "vendor@kaga-net.example", "加賀ネットサービス 林 陽菜", "加賀ネットサービス株式会社");

    public static IReadOnlyList<DemoLogin> All { get; } =
    [
        TohokuOperator, TohokuAnalyst, TohokuAdvisor, AobaMember, MinatoMember, MichinokuVendor,
        HokurikuOperator, HokurikuMember, HokurikuVendor,
    ];
}

/// <summary>A demo account; <paramref name="Organisation"/> is the operator, member company or vendor it belongs to.</summary>
public sealed record DemoLogin(string Role, string Email, string DisplayName, string Organisation);
