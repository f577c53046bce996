using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Sensors.Pages;

/// <summary>The operator's sensors with health; silent ones first.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(ListSensorsHandler list, IStringLocalizer<SensorsResource> localizer) : SensorsPageModel(localizer)
{
    [BindProperty(SupportsGet = true)]
    public bool SilentOnly { get; set; }

    public IReadOnlyList<SensorListItem> Sensors { get; private set; } = [];

    public int SilentAfterHours => list.SilentAfterHours;

    public int SilentCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var all = await list.HandleAsync(false, cancellationToken);
        SilentCount = all.Count(s => s.Health == SensorHealthState.Silent);
        Sensors = SilentOnly ? all.Where(s => s.Health == SensorHealthState.Silent).ToList() : all;
    }
}
