using System.Globalization;
using Mamori.Web.Features.HelpDesk.BusinessHours;

namespace Mamori.Web.Tests.Features.HelpDesk.BusinessHours;

public class JapaneseHolidaysTests
{
    // The Cabinet Office's published calendar (内閣府「国民の祝日について」, syukujitsu.csv),
    // including substitute holidays and citizens' holidays.
    public static TheoryData<int, string> OfficialCalendar => new()
    {
        { 2019, "01-01 01-14 02-11 03-21 04-29 04-30 05-01 05-02 05-03 05-04 05-05 05-06 07-15 08-11 08-12 09-16 09-23 10-14 10-22 11-03 11-04 11-23" },
        { 2020, "01-01 01-13 02-11 02-23 02-24 03-20 04-29 05-03 05-04 05-05 05-06 07-23 07-24 08-10 09-21 09-22 11-03 11-23" },
        { 2021, "01-01 01-11 02-11 02-23 03-20 04-29 05-03 05-04 05-05 07-22 07-23 08-08 08-09 09-20 09-23 11-03 11-23" },
        { 2022, "01-01 01-10 02-11 02-23 03-21 04-29 05-03 05-04 05-05 07-18 08-11 09-19 09-23 10-10 11-03 11-23" },
        { 2023, "01-01 01-02 01-09 02-11 02-23 03-21 04-29 05-03 05-04 05-05 07-17 08-11 09-18 09-23 10-09 11-03 11-23" },
        { 2024, "01-01 01-08 02-11 02-12 02-23 03-20 04-29 05-03 05-04 05-05 05-06 07-15 08-11 08-12 09-16 09-22 09-23 10-14 11-03 11-04 11-23" },
        { 2025, "01-01 01-13 02-11 02-23 02-24 03-20 04-29 05-03 05-04 05-05 05-06 07-21 08-11 09-15 09-23 10-13 11-03 11-23 11-24" },
        { 2026, "01-01 01-12 02-11 02-23 03-20 04-29 05-03 05-04 05-05 05-06 07-20 08-11 09-21 09-22 09-23 10-12 11-03 11-23" },
        { 2027, "01-01 01-11 02-11 02-23 03-21 03-22 04-29 05-03 05-04 05-05 07-19 08-11 09-20 09-23 10-11 11-03 11-23" },
    };

    [Theory]
    [MemberData(nameof(OfficialCalendar))]
    public void ForYear_MatchesPublishedCalendar(int year, string monthDays)
    {
        var expected = monthDays.Split(' ')
            .Select(md => DateOnly.ParseExact($"{year}-{md}", "yyyy-MM-dd", CultureInfo.InvariantCulture))
            .ToList();

        Assert.Equal(expected, JapaneseHolidays.ForYear(year).Keys.ToList());
    }

    [Theory]
    [InlineData("2019-05-01", "天皇の即位の日")]
    [InlineData("2019-10-22", "即位礼正殿の儀")]
    [InlineData("2019-04-30", "国民の休日")]
    [InlineData("2020-07-24", "スポーツの日")]
    [InlineData("2021-08-08", "山の日")]
    [InlineData("2021-08-09", "振替休日")]
    [InlineData("2026-09-22", "国民の休日")]
    [InlineData("2018-12-23", "天皇誕生日")]
    [InlineData("2006-04-29", "みどりの日")]
    public void NameOf_SpecialDates_AreNamed(string date, string name)
    {
        Assert.Equal(name, JapaneseHolidays.NameOf(DateOnly.Parse(date, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void IsHoliday_2019_HasNoEmperorsBirthday()
    {
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(2019, 12, 23)));
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(2019, 2, 23)));
    }

    [Fact]
    public void IsHoliday_SubstituteSkipsOverConsecutiveHolidays()
    {
        // 2008-05-04 (みどりの日) fell on a Sunday; the substitute is 5-6 because 5-5 is a holiday.
        Assert.Equal("振替休日", JapaneseHolidays.NameOf(new DateOnly(2008, 5, 6)));
    }

    [Theory]
    [InlineData(1979)]
    [InlineData(2100)]
    public void ForYear_OutsideSupportedRange_Throws(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.ForYear(year));
    }
}
