using Mamori.Web.Features.HelpDesk.BusinessHours;

namespace Mamori.Web.Features.HelpDesk;

/// <summary>
/// An inquiry's first-response and resolution times in business hours of the desk, against its
/// category's targets. Open clocks run to <c>now</c>, so a waiting inquiry breaches when its
/// target passes, not only when someone finally answers.
/// </summary>
public sealed record InquirySla(
    TimeSpan FirstResponse,
    TimeSpan FirstResponseTarget,
    bool FirstResponseDone,
    DateTimeOffset FirstResponseDue,
    TimeSpan Resolution,
    TimeSpan ResolutionTarget,
    bool ResolutionDone,
    DateTimeOffset ResolutionDue)
{
    public bool FirstResponseBreached => FirstResponse > FirstResponseTarget;

    public bool ResolutionBreached => Resolution > ResolutionTarget;

    public bool Breached => FirstResponseBreached || ResolutionBreached;

    public static InquirySla Compute(
        BusinessHoursClock clock, SlaTarget target, DateTimeOffset receivedAt, DateTimeOffset? firstRespondedAt, DateTimeOffset? resolvedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(target);
        var firstTarget = TimeSpan.FromHours(target.FirstResponseHours);
        var resolutionTarget = TimeSpan.FromHours(target.ResolutionHours);
        return new InquirySla(
            clock.Elapsed(receivedAt, firstRespondedAt ?? now),
            firstTarget,
            firstRespondedAt is not null,
            clock.Add(receivedAt, firstTarget),
            clock.Elapsed(receivedAt, resolvedAt ?? now),
            resolutionTarget,
            resolvedAt is not null,
            clock.Add(receivedAt, resolutionTarget));
    }
}
