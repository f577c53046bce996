using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Sensors.Pages;

/// <summary>A member company's own sensors, read-only (the tenant filters show it nothing else).</summary>
[Authorize(Policy = Policies.Member)]
public sealed class MineModel(ListSensorsHandler list, IStringLocalizer<SensorsResource> localizer) : SensorsPageModel(localizer)
{
    public IReadOnlyList<SensorListItem> Sensors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Sensors = await list.HandleAsync(false, cancellationToken);
}
