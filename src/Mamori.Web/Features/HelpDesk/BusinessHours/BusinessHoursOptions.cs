using System.ComponentModel.DataAnnotations;

namespace Mamori.Web.Features.HelpDesk.BusinessHours;

/// <summary>The help desk's opening hours (seed 003: weekdays 9:00–17:30 except public holidays).</summary>
public sealed class BusinessHoursOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Mamori:HelpDesk:BusinessHours";

    /// <summary>Opening time, local (Japan) time.</summary>
    public TimeOnly Opens { get; set; } = new(9, 0);

    /// <summary>Closing time, local (Japan) time; must be after <see cref="Opens"/>.</summary>
    public TimeOnly Closes { get; set; } = new(17, 30);

    /// <summary>First day of the year-end closure (month and day; 0 disables the closure).</summary>
    [Range(0, 12)]
    public int YearEndClosureStartMonth { get; set; } = 12;

    /// <summary>Day of month of the first closure day.</summary>
    [Range(1, 31)]
    public int YearEndClosureStartDay { get; set; } = 29;

    /// <summary>Last closure day in the new year (January), inclusive.</summary>
    [Range(1, 31)]
    public int YearEndClosureEndDay { get; set; } = 3;
}
