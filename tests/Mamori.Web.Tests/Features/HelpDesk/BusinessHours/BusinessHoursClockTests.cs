using System.Globalization;
using Mamori.Web.Features.HelpDesk.BusinessHours;

namespace Mamori.Web.Tests.Features.HelpDesk.BusinessHours;

public class BusinessHoursClockTests
{
    private readonly BusinessHoursClock _clock = new(new BusinessHoursOptions());

    private static DateTimeOffset Jst(string local) =>
        new(DateTime.Parse(local, CultureInfo.InvariantCulture), BusinessHoursClock.JapanOffset);

    [Theory]
    [InlineData("2026-11-20 09:00", true)]   // Friday, opening minute
    [InlineData("2026-11-20 08:59", false)]
    [InlineData("2026-11-20 17:29", true)]
    [InlineData("2026-11-20 17:30", false)]  // closing time is exclusive
    [InlineData("2026-11-21 10:00", false)]  // Saturday
    [InlineData("2026-11-23 10:00", false)]  // 勤労感謝の日 (Monday)
    [InlineData("2026-12-29 10:00", false)]  // year-end closure
    [InlineData("2027-01-04 10:00", true)]   // first business day of 2027
    public void IsOpen_RespectsHoursWeekendsHolidaysAndClosure(string local, bool open)
    {
        Assert.Equal(open, _clock.IsOpen(Jst(local)));
    }

    [Fact]
    public void IsOpen_ConvertsFromUtc()
    {
        // 00:30 UTC is 09:30 in Japan on the same Friday.
        Assert.True(_clock.IsOpen(new DateTimeOffset(2026, 11, 20, 0, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Elapsed_AcrossAWeekendAndHoliday_CountsOnlyOpenTime()
    {
        // Friday 16:30 → Tuesday 10:00 (Sat, Sun, and Monday 11-23 holiday closed):
        // 1 h on Friday + 1 h on Tuesday.
        Assert.Equal(TimeSpan.FromHours(2), _clock.Elapsed(Jst("2026-11-20 16:30"), Jst("2026-11-24 10:00")));
    }

    [Fact]
    public void Elapsed_WithinOneDay_IsWallClock()
    {
        Assert.Equal(TimeSpan.FromMinutes(95), _clock.Elapsed(Jst("2026-11-24 09:10"), Jst("2026-11-24 10:45")));
    }

    [Fact]
    public void Elapsed_ReversedInterval_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, _clock.Elapsed(Jst("2026-11-24 12:00"), Jst("2026-11-24 10:00")));
    }

    [Fact]
    public void Add_FourBusinessHoursFromFridayAfternoon_LandsOnNextBusinessDay()
    {
        // 1.5 h left on Friday 11-20, then Tuesday 11-24 09:00 + 2.5 h = 11:30.
        Assert.Equal(Jst("2026-11-24 11:30"), _clock.Add(Jst("2026-11-20 16:00"), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Add_OverYearEndClosure_SkipsToJanuary()
    {
        Assert.Equal(Jst("2027-01-04 10:00"), _clock.Add(Jst("2026-12-28 17:00"), TimeSpan.FromHours(1.5)));
    }

    [Fact]
    public void Add_IsInverseOfElapsed()
    {
        var start = Jst("2026-04-28 15:00");
        var due = _clock.Add(start, TimeSpan.FromHours(20));
        Assert.Equal(TimeSpan.FromHours(20), _clock.Elapsed(start, due));
    }

    [Fact]
    public void NextOpening_OnSaturday_IsMondayMorning()
    {
        Assert.Equal(Jst("2026-11-16 09:00"), _clock.NextOpening(Jst("2026-11-14 11:00")));
    }

    [Fact]
    public void Constructor_ClosingBeforeOpening_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BusinessHoursClock(new BusinessHoursOptions { Opens = new(18, 0), Closes = new(9, 0) }));
    }
}
