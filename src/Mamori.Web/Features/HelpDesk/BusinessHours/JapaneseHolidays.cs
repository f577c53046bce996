namespace Mamori.Web.Features.HelpDesk.BusinessHours;

/// <summary>
/// Japanese public holidays (国民の祝日) computed from the rules of the Act on National Holidays
/// (国民の祝日に関する法律, Act No. 178 of 1948) and its amendments, including substitute holidays
/// (振替休日, Art. 3(2)), citizens' holidays (国民の休日, Art. 3(3)) and the one-off dates set by
/// special acts. Equinox days are computed with the standard approximation that matches the
/// dates the National Astronomical Observatory announces for 1980–2099.
/// </summary>
/// <remarks>
/// Sources: Cabinet Office, "国民の祝日について" (https://www8.cao.go.jp/chosei/shukujitsu/gaiyou.html);
/// the 2020 and 2021 Olympic moves (Act No. 68 of 2019 and Act No. 68 of 2020).
/// </remarks>
public static class JapaneseHolidays
{
    /// <summary>First year whose holidays this class computes.</summary>
    public const int FirstSupportedYear = 1980;

    /// <summary>Last year whose holidays this class computes (the equinox formula's range).</summary>
    public const int LastSupportedYear = 2099;

    private static readonly Dictionary<int, IReadOnlyDictionary<DateOnly, string>> s_cache = [];
    private static readonly Lock s_cacheLock = new();

    /// <summary>True when <paramref name="date"/> is a public holiday (including substitute and citizens' holidays).</summary>
    public static bool IsHoliday(DateOnly date) => ForYear(date.Year).ContainsKey(date);

    /// <summary>The holiday's Japanese name, or null when the date is not a holiday.</summary>
    public static string? NameOf(DateOnly date) => ForYear(date.Year).GetValueOrDefault(date);

    /// <summary>All holidays of a year with their Japanese names, in date order.</summary>
    public static IReadOnlyDictionary<DateOnly, string> ForYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstSupportedYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastSupportedYear);
        lock (s_cacheLock)
        {
            if (!s_cache.TryGetValue(year, out var holidays))
            {
                holidays = Compute(year);
                s_cache[year] = holidays;
            }

            return holidays;
        }
    }

    private static SortedDictionary<DateOnly, string> Compute(int year)
    {
        var days = new SortedDictionary<DateOnly, string>();
        void Add(int month, int day, string name) => days[new DateOnly(year, month, day)] = name;

        Add(1, 1, "元日");
        if (year >= 2000)
        {
            days[NthMonday(year, 1, 2)] = "成人の日";
        }
        else
        {
            Add(1, 15, "成人の日");
        }

        Add(2, 11, "建国記念の日");
        if (year >= 2020)
        {
            Add(2, 23, "天皇誕生日");
        }

        Add(3, SpringEquinoxDay(year), "春分の日");
        if (year >= 2007)
        {
            Add(4, 29, "昭和の日");
            Add(5, 4, "みどりの日");
        }
        else if (year >= 1989)
        {
            Add(4, 29, "みどりの日");
        }
        else
        {
            Add(4, 29, "天皇誕生日");
        }

        Add(5, 3, "憲法記念日");
        Add(5, 5, "こどもの日");

        switch (year)
        {
            case 2020: Add(7, 23, "海の日"); break;
            case 2021: Add(7, 22, "海の日"); break;
            case >= 2003: days[NthMonday(year, 7, 3)] = "海の日"; break;
            case >= 1996: Add(7, 20, "海の日"); break;
        }

        switch (year)
        {
            case 2020: Add(8, 10, "山の日"); break;
            case 2021: Add(8, 8, "山の日"); break;
            case >= 2016: Add(8, 11, "山の日"); break;
        }

        if (year >= 2003)
        {
            days[NthMonday(year, 9, 3)] = "敬老の日";
        }
        else
        {
            Add(9, 15, "敬老の日");
        }

        Add(9, AutumnEquinoxDay(year), "秋分の日");

        switch (year)
        {
            case 2020: Add(7, 24, "スポーツの日"); break;
            case 2021: Add(7, 23, "スポーツの日"); break;
            case >= 2022: days[NthMonday(year, 10, 2)] = "スポーツの日"; break;
            case >= 2000: days[NthMonday(year, 10, 2)] = "体育の日"; break;
            default: Add(10, 10, "体育の日"); break;
        }

        Add(11, 3, "文化の日");
        Add(11, 23, "勤労感謝の日");
        if (year is >= 1989 and <= 2018)
        {
            Add(12, 23, "天皇誕生日");
        }

        // One-off holidays set by special acts.
        switch (year)
        {
            case 1989: Add(2, 24, "昭和天皇の大喪の礼"); break;
            case 1990: Add(11, 12, "即位礼正殿の儀"); break;
            case 1993: Add(6, 9, "皇太子徳仁親王の結婚の儀"); break;
            case 2019:
                Add(5, 1, "天皇の即位の日");
                Add(10, 22, "即位礼正殿の儀");
                break;
        }

        // Art. 3(3) (since 1985-12-27): a day between two holidays is a citizens' holiday.
        // Computed before substitutes, as the law's examples do (e.g. 2026-09-22).
        if (year >= 1986)
        {
            var named = days.Keys.ToList();
            foreach (var day in named)
            {
                var next = day.AddDays(2);
                var between = day.AddDays(1);
                if (days.ContainsKey(next) && !days.ContainsKey(between) && between.DayOfWeek != DayOfWeek.Sunday)
                {
                    days[between] = "国民の休日";
                }
            }
        }

        // Art. 3(2): a holiday on a Sunday moves to the next day that is not a holiday
        // (before 2007: to the Monday).
        foreach (var day in days.Keys.Where(d => d.DayOfWeek == DayOfWeek.Sunday).ToList())
        {
            var substitute = day.AddDays(1);
            while (year >= 2007 && days.ContainsKey(substitute))
            {
                substitute = substitute.AddDays(1);
            }

            if (!days.ContainsKey(substitute))
            {
                days[substitute] = "振替休日";
            }
        }

        return days;
    }

    private static DateOnly NthMonday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    // Valid 1980–2099: day = floor(base + 0.242194 (y − 1980) − floor((y − 1980) / 4)).
    private static int SpringEquinoxDay(int year) => EquinoxDay(year, 20.8431);

    private static int AutumnEquinoxDay(int year) => EquinoxDay(year, 23.2488);

    private static int EquinoxDay(int year, double baseDay)
    {
        var y = year - 1980;
        return (int)Math.Floor(baseDay + (0.242194 * y) - Math.Floor(y / 4.0));
    }
}
