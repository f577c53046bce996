using Mamori.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Features.Devices.Pages;

/// <summary>One device: what the company wrote, what the sensor saw, its IP history and latest sightings.</summary>
[Authorize(Roles = Roles.Operator + "," + Roles.Analyst + "," + Roles.Advisor + "," + Roles.Member)]
public sealed class DetailModel(GetDeviceHandler get, IStringLocalizer<DevicesResource> localizer) : DevicesPageModel(localizer)
{
    public DeviceDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var detail = await get.HandleAsync(id, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        Detail = detail;
        return Page();
    }
}
