using System.ComponentModel.DataAnnotations;

namespace Mamori.Web.Features.HelpDesk;

/// <summary>Service-level targets per inquiry category, in business hours of the desk.</summary>
public sealed class HelpDeskOptions
{
    public const string SectionName = "Mamori:HelpDesk:Sla";

    public SlaTarget Participation { get; set; } = new() { FirstResponseHours = 4, ResolutionHours = 24 };

    public SlaTarget DeviceInstallation { get; set; } = new() { FirstResponseHours = 4, ResolutionHours = 40 };

    public SlaTarget SecurityConsultation { get; set; } = new() { FirstResponseHours = 2, ResolutionHours = 16 };

    public SlaTarget Other { get; set; } = new() { FirstResponseHours = 8, ResolutionHours = 40 };

    public SlaTarget For(InquiryCategory category) => category switch
    {
        InquiryCategory.Participation => Participation,
        InquiryCategory.DeviceInstallation => DeviceInstallation,
        InquiryCategory.SecurityConsultation => SecurityConsultation,
        _ => Other,
    };

    /// <summary>Every target positive and resolution no sooner than first response (checked at start-up).</summary>
    public bool IsValid() =>
        Enum.GetValues<InquiryCategory>().Select(For).All(t =>
            t.FirstResponseHours > 0 && t.ResolutionHours > 0 && t.ResolutionHours >= t.FirstResponseHours);
}

public sealed class SlaTarget
{
    [Range(0.25, 1000)]
    public double FirstResponseHours { get; set; }

    [Range(0.25, 5000)]
    public double ResolutionHours { get; set; }
}
