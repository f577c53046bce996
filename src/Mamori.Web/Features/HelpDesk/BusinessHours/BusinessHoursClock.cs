namespace Mamori.Web.Features.HelpDesk.BusinessHours;

/// <summary>
/// Measures time the way the help desk is judged: only minutes when the desk is open count.
/// All instants are converted to Japan Standard Time, a fixed UTC+9 with no daylight saving
/// since 1951, so no time-zone database is needed.
/// </summary>
public sealed class BusinessHoursClock
{
    /// <summary>Japan Standard Time.</summary>
    public static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    private readonly BusinessHoursOptions _options;

    /// <summary>Creates a clock with the given hours.</summary>
    public BusinessHoursClock(BusinessHoursOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Closes <= options.Opens)
        {
            throw new ArgumentException("The desk must close after it opens.", nameof(options));
        }

        _options = options;
    }

    /// <summary>True when the desk is open on that calendar day at all.</summary>
    public bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !JapaneseHolidays.IsHoliday(date)
        && !IsYearEndClosure(date);

    /// <summary>True when the desk is open at that instant.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var local = instant.ToOffset(JapanOffset);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return IsBusinessDay(DateOnly.FromDateTime(local.DateTime)) && time >= _options.Opens && time < _options.Closes;
    }

    /// <summary>Business time elapsed between two instants (zero if <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var start = from.ToOffset(JapanOffset);
        var end = to.ToOffset(JapanOffset);
        var total = TimeSpan.Zero;
        for (var day = DateOnly.FromDateTime(start.DateTime); day <= DateOnly.FromDateTime(end.DateTime); day = day.AddDays(1))
        {
            if (!IsBusinessDay(day))
            {
                continue;
            }

            var open = At(day, _options.Opens);
            var close = At(day, _options.Closes);
            var a = open > start ? open : start;
            var b = close < end ? close : end;
            if (b > a)
            {
                total += b - a;
            }
        }

        return total;
    }

    /// <summary>The instant at which <paramref name="businessTime"/> of open desk time has passed after <paramref name="from"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset from, TimeSpan businessTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessTime, TimeSpan.Zero);
        var cursor = from.ToOffset(JapanOffset);
        var remaining = businessTime;
        var day = DateOnly.FromDateTime(cursor.DateTime);
        while (true)
        {
            if (IsBusinessDay(day))
            {
                var open = At(day, _options.Opens);
                var close = At(day, _options.Closes);
                var start = cursor > open ? cursor : open;
                if (start < close)
                {
                    var available = close - start;
                    if (remaining <= available)
                    {
                        return start + remaining;
                    }

                    remaining -= available;
                }
            }

            day = day.AddDays(1);
            cursor = At(day, TimeOnly.MinValue);
        }
    }

    /// <summary>The next instant at or after <paramref name="instant"/> when the desk is open.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant) => Add(instant, TimeSpan.Zero);

    private bool IsYearEndClosure(DateOnly date)
    {
        if (_options.YearEndClosureStartMonth == 0)
        {
            return false;
        }

        return (date.Month == _options.YearEndClosureStartMonth && date.Day >= _options.YearEndClosureStartDay)
            || (date.Month == 1 && date.Day <= _options.YearEndClosureEndDay);
    }

    private static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), JapanOffset);
}
