using Mamori.Web.Features.Companies;
using Mamori.Web.Features.Devices;
using Mamori.Web.Features.Regions;

namespace Mamori.Web.Features.Demo;

// The demo programme's fixed data. All names, addresses and numbers are made up; the mail
// domains use .example (RFC 2606) so no demo address can reach anyone.
public sealed partial class DemoSeeder
{
    private static readonly (string Name, DeviceKind Kind)[] s_deviceNames =
    [
        ("社長のパソコン", DeviceKind.Pc),
        ("経理のパソコン", DeviceKind.Pc),
        ("無線LANルーター", DeviceKind.NetworkEquipment),
        ("複合機", DeviceKind.Printer),
        ("受付のパソコン", DeviceKind.Pc),
        ("営業のノートパソコン", DeviceKind.Pc),
        ("ファイルサーバー", DeviceKind.Server),
        ("事務のパソコン", DeviceKind.Pc),
    ];

    private static readonly DemoOperator s_tohoku = new(
        Name: "一般社団法人 東北サイバー安全推進機構",
        NameKana: "トウホクサイバーアンゼンスイシンキコウ",
        Prefecture: Prefecture.Miyagi,
        ContactEmail: "office@tohoku-cyber.example",
        ContactPhone: "022-000-1234",
        MailDomain: "tohoku-cyber.example",
        SocProvider: "株式会社みちのくセキュリティオペレーションズ",
        Insurer: "東北あんしん損害保険株式会社",
        InsurerPhone: "0120-000-811",
        SerialPrefix: "MMR-TH",
        Vendors:
        [
            new("株式会社みちのくITサポート", Prefecture.Miyagi, [Prefecture.Miyagi, Prefecture.Yamagata, Prefecture.Fukushima], "desk@michinoku-it.example", "022-000-5501"),
            new("有限会社あおもりパソコンサービス", Prefecture.Aomori, [Prefecture.Aomori, Prefecture.Akita, Prefecture.Iwate], "support@aomori-pc.example", "017-000-3302"),
            new("株式会社ふくしまネットワーク技研", Prefecture.Fukushima, [Prefecture.Fukushima, Prefecture.Miyagi], "info@fukushima-net.example", "024-000-7703"),
        ],
        Companies:
        [
            new("株式会社八戸みなと水産", "ハチノヘミナトスイサン", Industry.AgricultureForestryFisheries, Prefecture.Aomori, EmployeeBand.From21To50, CapitalBand.UpTo10Million, 12, "工藤 里美", "総務課長", "hachinohe-minato.example", "0178-00-2101", "青森県八戸市湊町1-2-3"),
            new("津軽建設株式会社", "ツガルケンセツ", Industry.Construction, Prefecture.Aomori, EmployeeBand.From11To20, CapitalBand.UpTo30Million, 9, "葛西 昭", "代表取締役", "tsugaru-kensetsu.example", "0172-00-3344", "青森県弘前市大町2-4-1"),
            new("株式会社奥入瀬ホテルサービス", "オイラセホテルサービス", Industry.AccommodationFoodServices, Prefecture.Aomori, EmployeeBand.From51To100, CapitalBand.UpTo50Million, 18, "成田 由紀", "支配人", "oirase-hotel.example", "0176-00-7788", "青森県十和田市奥瀬字栃久保1"),
            new("株式会社盛岡精密工業", "モリオカセイミツコウギョウ", Industry.Manufacturing, Prefecture.Iwate, EmployeeBand.From51To100, CapitalBand.UpTo100Million, 35, "佐々木 浩二", "製造部長", "morioka-seimitsu.example", "019-000-4455", "岩手県盛岡市北飯岡4-5-6"),
            new("株式会社いわて小水力発電", "イワテショウスイリョクハツデン", Industry.Utilities, Prefecture.Iwate, EmployeeBand.UpTo5, CapitalBand.UpTo10Million, 4, "千葉 亮", "代表取締役", "iwate-hydro.example", "0197-00-1212", "岩手県北上市本通り3-1-8"),
            new("株式会社花巻テック", "ハナマキテック", Industry.InformationCommunications, Prefecture.Iwate, EmployeeBand.From11To20, CapitalBand.UpTo10Million, 22, "及川 真一", "取締役", "hanamaki-tech.example", "0198-00-6060", "岩手県花巻市若葉町1-10-2"),
            new("株式会社杜の都システムズ", "モリノミヤコシステムズ", Industry.InformationCommunications, Prefecture.Miyagi, EmployeeBand.From21To50, CapitalBand.UpTo30Million, 40, "阿部 拓也", "システム部長", "morinomiyako-sys.example", "022-000-8080", "宮城県仙台市青葉区一番町2-2-2"),
            new("仙台中央運送株式会社", "センダイチュウオウウンソウ", Industry.TransportPostal, Prefecture.Miyagi, EmployeeBand.From101To300, CapitalBand.UpTo50Million, 30, "菅野 大輔", "総務部長", "sendai-unso.example", "022-000-3030", "宮城県仙台市宮城野区扇町5-6-7"),
            new("株式会社青葉商事", "アオバショウジ", Industry.WholesaleRetail, Prefecture.Miyagi, EmployeeBand.From11To20, CapitalBand.UpTo10Million, 8, "伊藤 誠", "代表取締役", "aoba-shoji.example", "022-000-1188", "宮城県仙台市青葉区国分町3-3-5"),
            new("株式会社みやぎ保険サービス", "ミヤギホケンサービス", Industry.FinanceInsurance, Prefecture.Miyagi, EmployeeBand.From6To10, CapitalBand.UpTo10Million, 7, "渡辺 恵", "代表取締役", "miyagi-hoken.example", "0225-00-4141", "宮城県石巻市中央2-8-1"),
            new("株式会社ほっと仙台ケア", "ホットセンダイケア", Industry.MedicalWelfare, Prefecture.Miyagi, EmployeeBand.From21To50, CapitalBand.UpTo10Million, 15, "遠藤 幸子", "施設長", "hot-sendai-care.example", "022-000-2929", "宮城県仙台市太白区長町6-1-1"),
            new("株式会社竿燈不動産", "カントウフドウサン", Industry.RealEstate, Prefecture.Akita, EmployeeBand.UpTo5, CapitalBand.UpTo10Million, 4, "佐藤 義男", "代表取締役", "kanto-fudosan.example", "018-000-5656", "秋田県秋田市中通2-3-4"),
            new("大曲設計事務所株式会社", "オオマガリセッケイジムショ", Industry.ProfessionalTechnicalServices, Prefecture.Akita, EmployeeBand.From6To10, CapitalBand.UpTo10Million, 9, "高橋 恵子", "所長", "omagari-sekkei.example", "0187-00-6262", "秋田県大仙市大曲通町1-1"),
            new("有限会社横手工務店", "ヨコテコウムテン", Industry.Construction, Prefecture.Akita, EmployeeBand.From6To10, CapitalBand.SoleProprietor, 5, "小松 健一", "代表取締役", "yokote-komuten.example", "0182-00-7373", "秋田県横手市駅前町7-7"),
            new("株式会社かみのやま荘", "カミノヤマソウ", Industry.AccommodationFoodServices, Prefecture.Yamagata, EmployeeBand.From21To50, CapitalBand.UpTo10Million, 10, "結城 美和", "女将", "kaminoyama-so.example", "023-000-6767", "山形県上山市湯町1-5"),
            new("株式会社庄内ゼミナール", "ショウナイゼミナール", Industry.Education, Prefecture.Yamagata, EmployeeBand.From11To20, CapitalBand.UpTo10Million, 14, "五十嵐 学", "塾長", "shonai-seminar.example", "0235-00-8181", "山形県鶴岡市本町1-2-1"),
            new("株式会社酒田米穀店", "サカタベイコクテン", Industry.WholesaleRetail, Prefecture.Yamagata, EmployeeBand.UpTo5, CapitalBand.SoleProprietor, 3, "本間 清", "店主", "sakata-beikoku.example", "0234-00-2323", "山形県酒田市中町2-6-9"),
            new("医療法人社団 会津みなみ内科クリニック", "アイヅミナミナイカクリニック", Industry.MedicalWelfare, Prefecture.Fukushima, EmployeeBand.From11To20, CapitalBand.UpTo10Million, 11, "星 智子", "事務長", "aizu-minami-clinic.example", "0242-00-3939", "福島県会津若松市中央1-4-4"),
            new("株式会社郡山クリーンサービス", "コオリヤマクリーンサービス", Industry.OtherServices, Prefecture.Fukushima, EmployeeBand.From51To100, CapitalBand.UpTo30Million, 16, "橋本 隆", "営業部長", "koriyama-clean.example", "024-000-4848", "福島県郡山市駅前1-9-9"),
            new("株式会社いわき精機", "イワキセイキ", Industry.Manufacturing, Prefecture.Fukushima, EmployeeBand.From101To300, CapitalBand.UpTo300Million, 60, "吉田 秀樹", "情報システム課長", "iwaki-seiki.example", "0246-00-5151", "福島県いわき市小名浜字辰巳町3"),
        ]);

    private static readonly DemoOperator s_hokuriku = new(
        Name: "北陸中小企業セキュリティ支援協議会",
        NameKana: "ホクリクチュウショウキギョウセキュリティシエンキョウギカイ",
        Prefecture: Prefecture.Ishikawa,
        ContactEmail: "office@hokuriku-sme.example",
        ContactPhone: "076-000-9000",
        MailDomain: "hokuriku-sme.example",
        SocProvider: "北陸セキュアオペレーション株式会社",
        Insurer: "北陸ほけん損害保険株式会社",
        InsurerPhone: "0120-000-922",
        SerialPrefix: "MMR-HK",
        Vendors:
        [
            new("加賀ネットサービス株式会社", Prefecture.Ishikawa, [Prefecture.Ishikawa, Prefecture.Toyama], "desk@kaga-net.example", "076-000-1010"),
        ],
        Companies:
        [
            new("株式会社金沢工芸社", "カナザワコウゲイシャ", Industry.Manufacturing, Prefecture.Ishikawa, EmployeeBand.From11To20, CapitalBand.UpTo10Million, 10, "中村 大輔", "専務取締役", "kanazawa-kogei.example", "076-000-2020", "石川県金沢市尾張町1-1-1"),
            new("富山みらい運輸株式会社", "トヤマミライウンユ", Industry.TransportPostal, Prefecture.Toyama, EmployeeBand.From21To50, CapitalBand.UpTo30Million, 20, "森 由美", "総務課長", "toyama-mirai.example", "076-000-3030", "富山県富山市新富町2-2-2"),
            new("株式会社越前ソフト", "エチゼンソフト", Industry.InformationCommunications, Prefecture.Fukui, EmployeeBand.From6To10, CapitalBand.UpTo10Million, 9, "松田 翼", "代表取締役", "echizen-soft.example", "0776-00-4040", "福井県福井市大手3-3-3"),
        ]);

    private sealed record DemoOperator(
        string Name,
        string NameKana,
        Prefecture Prefecture,
        string ContactEmail,
        string ContactPhone,
        string MailDomain,
        string SocProvider,
        string Insurer,
        string InsurerPhone,
        string SerialPrefix,
        DemoVendor[] Vendors,
        DemoCompany[] Companies);

    private sealed record DemoVendor(string Name, Prefecture Prefecture, Prefecture[] Coverage, string Email, string Phone);

    private sealed record DemoCompany(
        string Name,
        string NameKana,
        Industry Industry,
        Prefecture Prefecture,
        EmployeeBand Employees,
        CapitalBand Capital,
        int PcCount,
        string Contact,
        string ContactTitle,
        string MailDomain,
        string Phone,
        string Address);
}
