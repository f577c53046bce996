using Mamori.Web.Features.HelpDesk;
using Mamori.Web.Features.HelpDesk.BusinessHours;

namespace Mamori.Web.Tests.Features.HelpDesk;

public sealed class InquirySlaTests
{
    private static readonly BusinessHoursClock s_clock = new(new BusinessHoursOptions());
    private static readonly SlaTarget s_target = new() { FirstResponseHours = 2, ResolutionHours = 16 };

    private static DateTimeOffset Jst(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    [Fact]
    public void Compute_FridayEveningToTuesdayAfterLabourThanksgiving_CountsOnlyDeskHours()
    {
        // Fri 2026-11-20 17:00; Sat, Sun, and Mon 11-23 (勤労感謝の日) are closed; reply Tue 9:30.
        var sla = InquirySla.Compute(s_clock, s_target, Jst(2026, 11, 20, 17), Jst(2026, 11, 24, 9, 30), null, Jst(2026, 11, 24, 12));

        Assert.Equal(TimeSpan.FromHours(1), sla.FirstResponse);
        Assert.False(sla.FirstResponseBreached);
        Assert.True(sla.FirstResponseDone);
        // 30 min on Friday + 1.5 h on Tuesday until the 2-hour target.
        Assert.Equal(Jst(2026, 11, 24, 10, 30), sla.FirstResponseDue);
    }

    [Fact]
    public void Compute_ReplyAfterTarget_FirstResponseBreached()
    {
        var sla = InquirySla.Compute(s_clock, s_target, Jst(2026, 11, 20, 17), Jst(2026, 11, 24, 11), null, Jst(2026, 11, 24, 12));

        Assert.Equal(TimeSpan.FromHours(2.5), sla.FirstResponse);
        Assert.True(sla.FirstResponseBreached);
        Assert.True(sla.Breached);
    }

    [Fact]
    public void Compute_GoldenWeek2026_SkipsHolidaysAndSubstituteHoliday()
    {
        // Thu 4-30 17:00; Fri 5-1 is open (8.5 h); 5-2..5-6 closed (weekend, 憲法記念日, みどりの日, こどもの日, 振替休日).
        var sla = InquirySla.Compute(s_clock, s_target, Jst(2026, 4, 30, 17), Jst(2026, 5, 7, 10), null, Jst(2026, 5, 7, 10));

        Assert.Equal(TimeSpan.FromHours(0.5 + 8.5 + 1), sla.FirstResponse);
    }

    [Fact]
    public void Compute_OpenInquiry_ClockRunsToNowAndBreachesWhenTargetPasses()
    {
        var received = Jst(2026, 12, 25, 16);  // Friday before the year-end closure (12-29 .. 1-3).
        var before = InquirySla.Compute(s_clock, s_target, received, null, null, Jst(2026, 12, 25, 17));
        var after = InquirySla.Compute(s_clock, s_target, received, null, null, Jst(2027, 1, 4, 10));

        Assert.Equal(TimeSpan.FromHours(1), before.FirstResponse);
        Assert.False(before.FirstResponseBreached);
        Assert.False(before.FirstResponseDone);
        // Fri 1.5 h + Mon 12-28 8.5 h + Mon 2027-01-04 1 h (closure 12-29..1-3).
        Assert.Equal(TimeSpan.FromHours(11), after.FirstResponse);
        Assert.True(after.FirstResponseBreached);
        Assert.Equal(Jst(2026, 12, 28, 9, 30), after.FirstResponseDue);
    }

    [Fact]
    public void Compute_ResolvedWithinTarget_ResolutionNotBreached()
    {
        var sla = InquirySla.Compute(s_clock, s_target, Jst(2026, 11, 2, 9), Jst(2026, 11, 2, 9, 30), Jst(2026, 11, 4, 17, 30), Jst(2026, 11, 30, 9));

        // Mon 8.5 h + Tue 11-03 is 文化の日 (closed) + Wed 8.5 h.
        Assert.Equal(TimeSpan.FromHours(17), sla.Resolution);
        Assert.True(sla.ResolutionBreached);
        Assert.True(sla.ResolutionDone);
    }

    [Fact]
    public void HelpDeskOptions_ResolutionShorterThanFirstResponse_IsInvalid()
    {
        var options = new HelpDeskOptions();
        Assert.True(options.IsValid());
        options.Other = new SlaTarget { FirstResponseHours = 8, ResolutionHours = 4 };
        Assert.False(options.IsValid());
        Assert.Equal(2, new HelpDeskOptions().For(InquiryCategory.SecurityConsultation).FirstResponseHours);
    }
}
