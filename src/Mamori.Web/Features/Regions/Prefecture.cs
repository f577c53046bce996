namespace Mamori.Web.Features.Regions;

/// <summary>The 47 prefectures, numbered by their JIS X 0401 codes (stored as that number).</summary>
public enum Prefecture
{
    Hokkaido = 1, Aomori = 2, Iwate = 3, Miyagi = 4, Akita = 5, Yamagata = 6, Fukushima = 7,
    Ibaraki = 8, Tochigi = 9, Gunma = 10, Saitama = 11, Chiba = 12, Tokyo = 13, Kanagawa = 14,
    Niigata = 15, Toyama = 16, Ishikawa = 17, Fukui = 18, Yamanashi = 19, Nagano = 20,
    Gifu = 21, Shizuoka = 22, Aichi = 23, Mie = 24, Shiga = 25, Kyoto = 26, Osaka = 27,
    Hyogo = 28, Nara = 29, Wakayama = 30, Tottori = 31, Shimane = 32, Okayama = 33,
    Hiroshima = 34, Yamaguchi = 35, Tokushima = 36, Kagawa = 37, Ehime = 38, Kochi = 39,
    Fukuoka = 40, Saga = 41, Nagasaki = 42, Kumamoto = 43, Oita = 44, Miyazaki = 45,
    Kagoshima = 46, Okinawa = 47,
}

public static class Prefectures
{
    /// <summary>The six Tohoku prefectures of seed 000's survey.</summary>
    public static IReadOnlyList<Prefecture> Tohoku { get; } =
        [Prefecture.Aomori, Prefecture.Iwate, Prefecture.Miyagi, Prefecture.Akita, Prefecture.Yamagata, Prefecture.Fukushima];

    private static readonly string[] s_japaneseNames =
    [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
        "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
        "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
        "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府",
        "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県",
        "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県",
        "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
        "鹿児島県", "沖縄県",
    ];

    /// <summary>The prefecture's name in Japanese (or in romaji for other cultures).</summary>
    public static string DisplayName(this Prefecture prefecture, bool japanese) =>
        japanese ? s_japaneseNames[(int)prefecture - 1] : prefecture.ToString();
}
